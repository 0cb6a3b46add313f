import { createContext, useContext } from 'react';

/** Which field's quotes are lit in the article, and how a field asks for its quotes to be shown. */
export interface QuoteFocus {
  active: string | null;
  /** `panel`: scroll the article beside the fields only (hover, focus); `page`: bring the quote into view. */
  show: (key: string, scroll: 'panel' | 'page') => void;
}

export const QuoteFocusContext = createContext<QuoteFocus>({ active: null, show: () => undefined });

export const useQuoteFocus = () => useContext(QuoteFocusContext);

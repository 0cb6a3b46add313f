import { useEffect } from 'react';

const SITE = 'Hội nghị tập huấn thông tin đối ngoại';

/** Each screen names itself in the tab and for screen readers after a client-side navigation. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE}` : SITE;
  }, [title]);
}

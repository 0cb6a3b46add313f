import { foldedPhrasePattern } from './search';

describe('foldedPhrasePattern', () => {
  it('folds accents and matches whole words as a phrase', () => {
    expect(foldedPhrasePattern('Đà  Nẵng')).toBe('\\mda\\s+nang\\M');
    expect(foldedPhrasePattern('  ')).toBeUndefined();
  });

  it('escapes regex syntax so input is matched literally', () => {
    expect(foldedPhrasePattern("57-KL/TW'); DROP")).toBe("\\m57\\-kl\\/tw\\'\\)\\;\\s+drop\\M");
    expect(foldedPhrasePattern('.*')).toBe('\\m\\.\\*\\M');
  });
});

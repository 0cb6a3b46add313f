import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    ['vi', 'vi'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'vi'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['fr-FR,vi;q=0.5', 'vi'],
    ['en;q=0.5,vi;q=0.6', 'vi'],
    ['vi;q=0', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['*', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});

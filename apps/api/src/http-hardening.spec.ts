import { containsLoneSurrogate, jsonNestingExceeds } from './http-hardening';

describe('jsonNestingExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestingExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[[[[[[","b":{"c":1}}', 2)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\"[[[[","b":[[1]]}', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\\\","b":[[[1]]]}', 3)).toBe(true);
  });
});

describe('containsLoneSurrogate', () => {
  it('finds lone surrogates in strings and keys, not in proper pairs', () => {
    expect(containsLoneSurrogate({ a: ['ok', 'Hà Nội 😀'] })).toBe(false);
    expect(containsLoneSurrogate({ a: ['x\ud800'] })).toBe(true);
    expect(containsLoneSurrogate({ ['\udc00']: 1 })).toBe(true);
    expect(containsLoneSurrogate(null)).toBe(false);
  });
});

import { prettyLogs } from './app.module';

describe('log format', () => {
  it('is pretty at a terminal outside production, JSON when piped', () => {
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, true)).toBe(true);
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, false)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, undefined)).toBe(false);
  });

  it('follows LOG_FORMAT when set, except that production always logs JSON', () => {
    expect(prettyLogs({ LOG_FORMAT: 'pretty', NODE_ENV: 'development' }, false)).toBe(true);
    expect(prettyLogs({ LOG_FORMAT: 'json', NODE_ENV: 'development' }, true)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, true)).toBe(false);
  });
});

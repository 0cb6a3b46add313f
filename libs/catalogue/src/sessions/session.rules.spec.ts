import { isLegalTransition, LEGAL_TRANSITIONS, spanForPrecision } from './session.rules';

describe('session lifecycle', () => {
  it('allows the forward path and cancellation', () => {
    expect(isLegalTransition('draft', 'scheduled')).toBe(true);
    expect(isLegalTransition('scheduled', 'registration_open')).toBe(true);
    expect(isLegalTransition('registration_open', 'in_progress')).toBe(true);
    expect(isLegalTransition('in_progress', 'completed')).toBe(true);
    expect(isLegalTransition('registration_open', 'cancelled')).toBe(true);
  });

  it('refuses skipping back or leaving a terminal state', () => {
    expect(isLegalTransition('draft', 'completed')).toBe(false);
    expect(isLegalTransition('completed', 'in_progress')).toBe(false);
    expect(isLegalTransition('cancelled', 'scheduled')).toBe(false);
    expect(LEGAL_TRANSITIONS.completed).toEqual([]);
  });
});

describe('spanForPrecision', () => {
  it('spans a whole year or month', () => {
    expect(spanForPrecision('2024-05-17', 'year')).toEqual({ startsOn: '2024-01-01', endsOn: '2024-12-31' });
    expect(spanForPrecision('2024-02-10', 'month')).toEqual({ startsOn: '2024-02-01', endsOn: '2024-02-29' });
  });
});

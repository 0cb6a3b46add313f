export type OutcomeKind = 'ok' | 'already' | 'refused' | 'queued' | 'error';

const TONES: Record<OutcomeKind, { frequency: number; beeps: number; vibrate: number[] }> = {
  ok: { frequency: 880, beeps: 1, vibrate: [80] },
  already: { frequency: 520, beeps: 2, vibrate: [60, 60, 60] },
  refused: { frequency: 220, beeps: 3, vibrate: [200, 80, 200] },
  queued: { frequency: 660, beeps: 1, vibrate: [40] },
  error: { frequency: 220, beeps: 3, vibrate: [200, 80, 200] },
};

let audio: AudioContext | null = null;

/**
 * A short tone and a vibration per outcome, so the coordinator need not read the screen for every
 * person; silently nothing where the device has neither (or the page has not been touched yet).
 */
export function signal(kind: OutcomeKind): void {
  const tone = TONES[kind];
  try {
    navigator.vibrate?.(tone.vibrate);
  } catch {
    // Not allowed before a user gesture: the card on screen says the same.
  }
  try {
    audio ??= new AudioContext();
    for (let i = 0; i < tone.beeps; i++) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = tone.frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(audio.destination);
      const start = audio.currentTime + i * 0.18;
      oscillator.start(start);
      oscillator.stop(start + 0.12);
    }
  } catch {
    // No Web Audio here.
  }
}

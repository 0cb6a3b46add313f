/**
 * Polls `condition` until it holds: tests wait for a state, never for a guessed number of
 * milliseconds. The bound only turns a hang into a failure with a message.
 */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  what: string,
  { intervalMs = 20, maxAttempts = 1500 } = {},
): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`gave up waiting until ${what}`);
}

import { UploadGate } from './upload-gate';

describe('UploadGate', () => {
  it('runs at most `concurrency` uploads at once, queues a bounded number, refuses the rest with 503', async () => {
    const gate = new UploadGate(2, 1);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return 'done';
      });
    const first = work();
    const second = work();
    const queued = work();
    await expect(work()).rejects.toMatchObject({ code: 'uploads-busy', status: 503 });
    await Promise.resolve();
    expect(releases).toHaveLength(2);
    releases.shift()!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(releases).toHaveLength(2);
    releases.splice(0).forEach((release) => release());
    await expect(Promise.all([second, queued])).resolves.toEqual(['done', 'done']);
    expect(most).toBe(2);
  });
});

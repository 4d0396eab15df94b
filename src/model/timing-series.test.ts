import { afterEach, describe, expect, it, vi } from 'vitest';
import { measureInterleaved } from './timing';

/** The order measureInterleaved times `n` runners in over `rounds` rounds. */
async function interleavedOrder(n: number, rounds: number): Promise<number[]> {
  const order: number[] = [];
  await measureInterleaved(
    Array.from({ length: n }, () => async () => undefined),
    { runs: rounds, warmup: 0, onRun: (i) => order.push(i) },
  );
  return order;
}

describe('the interleaved order', () => {
  it('runs rounds forward then backward: B0 B1 B2 B2 B1 B0 B0 B1 B2', async () => {
    expect(await interleavedOrder(3, 3)).toEqual([0, 1, 2, 2, 1, 0, 0, 1, 2]);
  });
  it('is ABBA for two runners and gives each runner one run per round', async () => {
    expect(await interleavedOrder(2, 4)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    const order = await interleavedOrder(4, 7);
    for (let i = 0; i < 4; i++) expect(order.filter((x) => x === i)).toHaveLength(7);
  });
});

describe('measureInterleaved', () => {
  afterEach(() => vi.restoreAllMocks());

  it('warms every runner up untimed first, then times each one in interleaved order', async () => {
    // A fake clock: runner i takes 10·(i+1) ms plus the run count, so every sample is known.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const calls: string[] = [];
    const runner = (i: number) => async () => {
      calls.push(`B${i}`);
      clock += 10 * (i + 1) + calls.length / 100;
    };
    const seen: [number, number][] = [];
    const out = await measureInterleaved([runner(0), runner(1), runner(2)], { runs: 3, warmup: 1, onRun: (r, k) => seen.push([r, k]) });
    expect(calls).toEqual(['B0', 'B1', 'B2', 'B0', 'B1', 'B2', 'B2', 'B1', 'B0', 'B0', 'B1', 'B2']);
    expect(seen).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(out[0].warmupMs).toEqual([10.01]);
    expect(out[0].times.map((t) => +t.toFixed(2))).toEqual([10.04, 10.09, 10.1]);
    expect(out[2].times.map((t) => +t.toFixed(2))).toEqual([30.06, 30.07, 30.12]);
    expect(out[1].spread).toMatchObject({ runs: 3, medianMs: expect.closeTo(20.08, 6), minMs: expect.closeTo(20.05, 6) });
  });
});

describe('settleMs', () => {
  afterEach(() => vi.useRealTimers());

  it('waits that long before every timed run (not the warm-ups) and keeps the wait out of the times', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const run = async () => {
      started.push(Date.now());
      await Promise.resolve();
    };
    const t0 = Date.now();
    const done = measureInterleaved([run, run], { runs: 2, warmup: 1, settleMs: 100 });
    await vi.runAllTimersAsync();
    const out = await done;
    expect(started.map((t) => t - t0)).toEqual([0, 0, 100, 200, 300, 400]);
    for (const r of out) for (const ms of r.times) expect(ms).toBeLessThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import type { KernelChoice, KernelClass } from './plan';
import { tune, tuneCompiled, type TuneTask } from './tuner';

/** A fake clock: each timed run advances it by the candidate's cost. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function task(clock: ReturnType<typeof fakeClock>, cls: TuneTask['cls'], cost: Partial<Record<KernelChoice, number | 'fail'>>): TuneTask & { calls: string[] } {
  const calls: string[] = [];
  return {
    cls,
    calls,
    candidates: Object.keys(cost) as KernelChoice[],
    time: async (choice) => {
      calls.push(choice);
      const c = cost[choice]!;
      if (c === 'fail') throw new Error(`${choice}: shader compilation failed`);
      clock.advance(c);
      return c;
    },
  };
}

describe('kernel tuner', () => {
  it('picks the faster candidate per class: a slowed candidate loses', async () => {
    const clock = fakeClock();
    const pw = task(clock, 'pointwise', { 'barrier-free': 30, tiled: 8, stock: 12 });
    const pool = task(clock, 'pool', { 'barrier-free': 1, tiled: 3, stock: 2 });
    const out = await tune([pw, pool], 1000, clock.now);
    expect(out.plan.pointwise).toBe('tiled');
    expect(out.plan.pool).toBe('barrier-free');
    expect(out.plan.depthwise).toBe('barrier-free');
    expect(out.timings.pointwise).toEqual({ 'barrier-free': 30, tiled: 8, stock: 12 });
    expect(out.rounds).toBe(5);
  });

  it('slowing the winner flips the choice', async () => {
    const clock = fakeClock();
    const out = await tune([task(clock, 'dense', { 'barrier-free': 5, tiled: 50, stock: 9 })], 1000, clock.now);
    expect(out.plan.dense).toBe('barrier-free');
  });

  it('falls back to stock when the own candidates fail to compile', async () => {
    const clock = fakeClock();
    const pw = task(clock, 'pointwise', { 'barrier-free': 'fail', tiled: 'fail', stock: 40 });
    const out = await tune([pw], 1000, clock.now);
    expect(out.plan.pointwise).toBe('stock');
    expect(out.timings.pointwise).toEqual({ 'barrier-free': null, tiled: null, stock: 40 });
    // A failed candidate is not retried in later rounds.
    expect(pw.calls.filter((c) => c === 'barrier-free')).toHaveLength(1);
  });

  it('a class whose every candidate fails runs stock', async () => {
    const clock = fakeClock();
    const out = await tune([task(clock, 'depthwise', { 'barrier-free': 'fail', stock: 'fail' })], 1000, clock.now);
    expect(out.plan.depthwise).toBe('stock');
  });

  it('stays within the budget: stops after the measurement that crosses it', async () => {
    const clock = fakeClock();
    const pw = task(clock, 'pointwise', { 'barrier-free': 40, tiled: 40, stock: 40 });
    const dw = task(clock, 'depthwise', { 'barrier-free': 40, stock: 40 });
    const out = await tune([pw, dw], 100, clock.now);
    // candidate-major order: pointwise/barrier-free, depthwise/barrier-free, pointwise/tiled, then over budget
    expect([...pw.calls, '|', ...dw.calls]).toEqual(['barrier-free', 'tiled', '|', 'barrier-free']);
    expect(out.spentMs).toBe(120);
    expect(out.rounds).toBe(1);
  });
});

describe('tuneCompiled: candidates are compiled first', () => {
  const costs: Record<KernelClass, Partial<Record<KernelChoice, number>>> = {
    pointwise: { 'barrier-free': 1, tiled: 20, stock: 10 },
    depthwise: { 'barrier-free': 2, stock: 6 },
    pool: { 'barrier-free': 1, tiled: 1, stock: 1 },
    dense: { 'barrier-free': 1, tiled: 1, stock: 1 },
  };

  it('one whose pipeline fails to compile is dropped (never timed), and stock remains', async () => {
    const clock = fakeClock();
    const timed: string[] = [];
    const out = await tuneCompiled(
      ['pointwise', 'depthwise'],
      async (cls, choice) => {
        if (cls === 'pointwise' && choice === 'barrier-free') throw new Error('1 pipeline(s) failed'); // injected
      },
      async (cls, choice) => {
        timed.push(`${cls}/${choice}`);
        clock.advance(costs[cls][choice]!);
        return costs[cls][choice]!;
      },
      1000,
      clock.now,
    );
    expect(timed).not.toContain('pointwise/barrier-free');
    expect(timed).toContain('pointwise/stock');
    expect(out.timings.pointwise).toEqual({ 'barrier-free': null, tiled: 20, stock: 10 });
    expect(out.plan.pointwise).toBe('stock'); // the fastest had it compiled; dropped, stock wins
    expect(out.plan.depthwise).toBe('barrier-free');
  });

  it('every own candidate failing to compile leaves the class on stock ops', async () => {
    const clock = fakeClock();
    const out = await tuneCompiled(
      ['depthwise'],
      async (_cls, choice) => {
        if (choice !== 'stock') throw new Error('compile error');
      },
      async (cls, choice) => costs[cls][choice]!,
      1000,
      clock.now,
    );
    expect(out.plan.depthwise).toBe('stock');
    expect(out.timings.depthwise).toEqual({ 'barrier-free': null, stock: 6 });
  });
});

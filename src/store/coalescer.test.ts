import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

/** A run() whose promises the test resolves by hand, to order completions. */
function manualRuns() {
  const calls: { req: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const run = (req: number) => new Promise<string>((resolve, reject) => calls.push({ req, resolve, reject }));
  return { calls, run };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Coalescer', () => {
  it('runs at most one, keeps one waiting, and the newest replaces the waiting one', async () => {
    const { calls, run } = manualRuns();
    const shown: string[] = [];
    const c = new Coalescer<number, string>({ run, onResult: (r) => shown.push(r), onError: () => {} });
    c.submit(1);
    c.submit(2);
    c.submit(3);
    c.submit(4);
    expect(calls.map((x) => x.req)).toEqual([1]);
    calls[0].resolve('r1'); // finished after newer requests came: stale
    await tick();
    expect(shown).toEqual([]);
    expect(calls.map((x) => x.req)).toEqual([1, 4]); // 2 and 3 were replaced while waiting: never run
    calls[1].resolve('r4');
    await tick();
    expect(shown).toEqual(['r4']);
    c.submit(5); // nothing runs: it starts at once
    expect(calls.map((x) => x.req)).toEqual([1, 4, 5]);
  });

  it('delivers errors of the latest request only', async () => {
    const { calls, run } = manualRuns();
    const errors: string[] = [];
    const c = new Coalescer<number, string>({ run, onResult: () => {}, onError: (e) => errors.push(e.message) });
    c.submit(1);
    c.submit(2);
    calls[0].reject(new Error('old failure'));
    await tick();
    calls[1].reject(new Error('new failure'));
    await tick();
    expect(errors).toEqual(['new failure']);
  });

  it('clear() makes the running result stale and drops the waiting one', async () => {
    const { calls, run } = manualRuns();
    const shown: string[] = [];
    const c = new Coalescer<number, string>({ run, onResult: (r) => shown.push(r), onError: () => {} });
    c.submit(1);
    c.submit(2);
    c.clear();
    calls[0].resolve('r1');
    await tick();
    expect(calls).toHaveLength(1);
    expect(shown).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

/** A coalescer whose run() promises the test resolves by hand, to order completions; it records
 *  what it would show and the errors it would report. */
function manualCoalescer() {
  const calls: { req: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const shown: string[] = [];
  const errors: string[] = [];
  const c = new Coalescer<number, string>({
    run: (req) => new Promise<string>((resolve, reject) => calls.push({ req, resolve, reject })),
    onResult: (r) => shown.push(r),
    onError: (e) => errors.push(e.message),
  });
  return { calls, shown, errors, c };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Coalescer', () => {
  it('runs at most one, keeps one waiting, and the newest replaces the waiting one', async () => {
    const { calls, shown, c } = manualCoalescer();
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
    const { calls, errors, c } = manualCoalescer();
    c.submit(1);
    c.submit(2);
    calls[0].reject(new Error('old failure'));
    await tick();
    calls[1].reject(new Error('new failure'));
    await tick();
    expect(errors).toEqual(['new failure']);
  });

  it('clear() makes the running result stale and drops the waiting one', async () => {
    const { calls, shown, c } = manualCoalescer();
    c.submit(1);
    c.submit(2);
    c.clear();
    calls[0].resolve('r1');
    await tick();
    expect(calls).toHaveLength(1);
    expect(shown).toEqual([]);
  });
});

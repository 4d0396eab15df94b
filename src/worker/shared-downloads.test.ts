import { describe, expect, it } from 'vitest';
import { SharedDownloads } from './shared-downloads';

/** A download the test finishes by hand, recording whether it was aborted. */
function manual() {
  const state = { starts: 0, aborted: false, finish: (_v: string) => {}, fail: (_e: Error) => {}, progress: (_l: number) => {} };
  const start = (signal: AbortSignal, progress: (l: number, t: number, p: 'download') => void) => {
    state.starts++;
    state.progress = (l) => progress(l, 10, 'download');
    signal.addEventListener('abort', () => {
      state.aborted = true;
      state.fail(new Error('Download aborted: network'));
    });
    return new Promise<string>((res, rej) => {
      state.finish = res;
      state.fail = rej;
    });
  };
  return { state, start };
}

describe('SharedDownloads', () => {
  it('a second request for the same model joins the running download: one start, progress to both, one result', async () => {
    const reports: string[] = [];
    const d = new SharedDownloads<string>((id, key, loaded) => reports.push(`${id}:${key}:${loaded}`));
    const { state, start } = manual();
    const a = d.fetch(1, 'B1', start);
    const b = d.fetch(2, 'B1', start);
    await Promise.resolve();
    state.progress(4);
    state.finish('weights');
    expect(await a).toBe('weights');
    expect(await b).toBe('weights');
    expect(state.starts).toBe(1);
    expect(reports).toEqual(['1:B1:4', '2:B1:4']);
    expect(d.pending()).toEqual([]);
  });

  it('cancelling one waiter leaves the download running for the other; cancelling the last aborts it', async () => {
    const d = new SharedDownloads<string>(() => undefined);
    const { state, start } = manual();
    const prefetch = d.fetch(1, 'B1', start);
    const classify = d.fetch(2, 'B1', start);
    d.cancel(1);
    await expect(prefetch).rejects.toThrow('Download aborted: B1');
    expect(state.aborted).toBe(false);
    state.finish('weights');
    expect(await classify).toBe('weights');

    const second = manual();
    const lone = d.fetch(3, 'B2', second.start);
    d.cancel(3);
    await expect(lone).rejects.toThrow('Download aborted');
    expect(second.state.aborted).toBe(true);
  });

  it('after an abort a new request starts afresh; a failure reaches every waiter; other models download apart', async () => {
    const d = new SharedDownloads<string>(() => undefined);
    const first = manual();
    const p = d.fetch(1, 'B1', first.start);
    d.cancel(1);
    await expect(p).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 0)); // the aborted download has wound down
    const again = manual();
    const q = d.fetch(2, 'B1', again.start);
    const r = d.fetch(3, 'B1', again.start);
    const other = manual();
    const s = d.fetch(4, 'B3', other.start);
    expect([again.state.starts, other.state.starts]).toEqual([1, 1]);
    again.state.fail(new Error('answered HTTP 404'));
    await expect(q).rejects.toThrow('HTTP 404');
    await expect(r).rejects.toThrow('HTTP 404');
    other.state.finish('b3');
    expect(await s).toBe('b3');
    d.cancel(99); // unknown requests are ignored
  });

  it('a new request for a model just aborted starts only once the aborted download has wound down (its cleanup done)', async () => {
    const d = new SharedDownloads<string>(() => undefined);
    let cleanedUp!: () => void;
    const slowAbort = (signal: AbortSignal) =>
      new Promise<string>((_res, rej) => signal.addEventListener('abort', () => void (cleanedUp = () => rej(new Error('Download aborted: network'))))); // e.g. deleting kept shards
    const p = d.fetch(1, 'B2', slowAbort);
    d.cancel(1);
    await expect(p).rejects.toThrow('Download aborted: B2');
    const again = manual();
    const q = d.fetch(2, 'B2', again.start);
    const joined = d.fetch(3, 'B2', again.start);
    await new Promise((r) => setTimeout(r, 0));
    expect(again.state.starts).toBe(0);
    cleanedUp();
    await new Promise((r) => setTimeout(r, 0));
    expect(again.state.starts).toBe(1);
    again.state.finish('b2');
    expect([await q, await joined]).toEqual(['b2', 'b2']);
  });
});

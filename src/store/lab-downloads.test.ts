import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateMeter } from './download-rate';
import { flush, setUp, variantOf, type Sent } from './test-support/engine-harness';

/** The lab on B0, loaded (the worker said ready) and answered; its neighbour prefetch done. */
async function onB0() {
  const h = setUp();
  await h.engine.start();
  const [run] = h.client.open('classify');
  h.store.getState().setLoad('B0', { phase: 'ready', loaded: 20, total: 20 });
  h.client.result(run);
  await flush();
  const [neighbour] = h.client.open('prefetch');
  expect(variantOf(neighbour)).toBe(1);
  h.client.answer(neighbour, { type: 'prefetched', id: neighbour.id, bytes: 30, fromCache: false, stored: true });
  await flush();
  return h;
}

/** From B0, φ moved to 2: B2's download under way (returned) while B0 stands in. */
async function movedToB2() {
  const h = await onB0();
  h.store.getState().setPhi(2);
  await flush();
  const [download] = h.client.open('prefetch');
  return { ...h, download };
}

const progress = (s: Sent, loaded: number, total: number) =>
  s.hooks.onProgress?.({ type: 'progress', id: s.id, modelId: 'B2', phase: 'download', loaded, total });

afterEach(() => vi.restoreAllMocks());

describe('slow networks: the loaded variant answers while the one φ asks for downloads', () => {
  it('B0 answers and says so while B2 downloads (rate and time left on its bar); then B2 answers', async () => {
    const { client, store, download } = await movedToB2();
    const now = vi.spyOn(performance, 'now');
    expect(variantOf(download)).toBe(2);
    const [standIn] = client.open('classify');
    expect(variantOf(standIn)).toBe(0);
    client.result(standIn);
    await flush();
    expect(store.getState().result).toMatchObject({ name: 'B0', variant: 0, standInFor: 'B2' });
    expect(client.open('prefetch')).toEqual([download]); // no neighbour prefetch beside it

    now.mockReturnValue(1000);
    progress(download, 0, 36e6);
    now.mockReturnValue(5000);
    progress(download, 10e6, 36e6);
    expect(store.getState().loads.B2).toEqual({ phase: 'download', loaded: 10e6, total: 36e6, rate: 2.5e6, etaS: 10.4 });

    store.getState().setPhi(2.3); // still B2: nothing new is asked
    await flush();
    expect(client.open('classify')).toEqual([]);
    client.answer(download, { type: 'prefetched', id: download.id, bytes: 36e6, fromCache: false, stored: true });
    await flush();
    const [own] = client.open('classify');
    expect(variantOf(own)).toBe(2);
    client.result(own);
    await flush();
    expect(store.getState().result).toMatchObject({ name: 'B2', variant: 2 });
    expect(store.getState().result?.standInFor).toBeUndefined();
  });

  it('moving φ back to B0 aborts the download nobody waits for; B0 answers as itself', async () => {
    const { client, store, download } = await movedToB2();
    progress(download, 4e6, 36e6);
    client.result(client.open('classify')[0]);
    await flush();
    store.getState().setPhi(0);
    await flush();
    expect(client.cancelled).toEqual([download.id]);
    expect(store.getState().loads.B2).toBeUndefined();
    const [own] = client.open('classify');
    expect(variantOf(own)).toBe(0);
    client.result(own);
    await flush();
    expect(store.getState().result?.standInFor).toBeUndefined();
  });

  it('a download that fails hands over to the variant’s own load, whose error the lab shows', async () => {
    const { client, store, download } = await movedToB2();
    client.result(client.open('classify')[0]);
    download.settled = true;
    download.reject(new Error('Download failed: http://models/B2/group1-shard1of9.bin answered HTTP 404'));
    await flush();
    const [own] = client.open('classify');
    expect(variantOf(own)).toBe(2);
    own.settled = true;
    own.reject(new Error('Download failed: http://models/B2/group1-shard1of9.bin answered HTTP 404'));
    await flush();
    expect(store.getState().error).toContain('answered HTTP 404');
    expect(client.open('prefetch')).toEqual([]);
  });
});

describe('RateMeter', () => {
  it('counts only bytes after the first sample (a resume’s kept files are not speed) and waits 300 ms', () => {
    const m = new RateMeter();
    expect(m.sample(8e6, 36e6, 0)).toEqual({ rate: null, etaS: null }); // 8 MB kept from before
    expect(m.sample(9e6, 36e6, 200)).toEqual({ rate: null, etaS: null });
    expect(m.sample(10e6, 36e6, 1000)).toEqual({ rate: 2e6, etaS: 13 });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { SamplePhoto } from '../model/imagenet-sample';
import { downloadBytes } from '../scaling/weight-sizes';
import { createPreparer, initialPrepare, missingBytes, type PrepareState } from './prepare';

/** The kept sample photos by file name (the real module is tested in image/imagenet-photos.test.ts). */
const keptPhotos = vi.hoisted(() => ({ files: new Set<string>(), failAt: Infinity }));
vi.mock('../image/imagenet-photos', () => ({
  countKeptPhotos: async (photos: SamplePhoto[]) => photos.filter((p) => keptPhotos.files.has(p.file)).length,
  keepPhotos: async (photos: SamplePhoto[], onPhoto: (n: number) => void) => {
    for (const [i, p] of photos.entries()) {
      if (i + 1 === keptPhotos.failAt) throw new Error(`The sample photo ${p.file} could not be downloaded (Failed to fetch)`);
      keptPhotos.files.add(p.file);
      onPhoto(i + 1);
    }
  },
  dropPhotos: async () => keptPhotos.files.clear(),
}));

type Req = { type: string; variant?: number; model?: { variant: number } };

/** A worker that holds `cached` variants and stores a download unless it is in `noRoom`. */
function fakeWorker(cached: Set<number>, noRoom = new Set<number>()) {
  const sent: string[] = [];
  const client = {
    send: (req: Req, _until: string[], hooks?: { onProgress?: (p: { phase: string; loaded: number }) => void }) => {
      sent.push(req.type === 'prefetch' ? `prefetch B${req.model!.variant}` : req.type === 'uncache' ? `uncache B${req.variant}` : req.type);
      const answer = (): unknown => {
        if (req.type === 'cacheState') return { bytes: Array.from({ length: 8 }, (_, k) => (cached.has(k) ? downloadBytes(k) - 1000 : null)) };
        if (req.type === 'uncache') return void cached.delete(req.variant!);
        const k = req.model!.variant;
        hooks?.onProgress?.({ phase: 'download', loaded: 1000 });
        const stored = !noRoom.has(k);
        if (stored) cached.add(k);
        return { bytes: downloadBytes(k) - 1000, fromCache: false, stored };
      };
      return { id: sent.length, done: Promise.resolve(answer()) };
    },
  };
  return { client: client as never, sent };
}

function setUp(cached: number[], opts: { noRoom?: number[]; quota?: number; random?: boolean } = {}) {
  const store = createStore<PrepareState>()((set) => initialPrepare(set));
  const worker = fakeWorker(new Set(cached), new Set(opts.noRoom));
  let persisted = false;
  const storage = {
    estimate: async () => ({ usage: 0, quota: opts.quota ?? 1e12 }),
    persist: async () => (persisted = true),
    persisted: async () => persisted,
  };
  const p = createPreparer(
    worker.client,
    () => ({ baseUrl: 'http://models/', kind: opts.random ? 'random' : 'url' }),
    store,
    () => storage as never,
  );
  return { store, p, sent: worker.sent };
}

const states = (s: PrepareState) => s.entries.map((e) => e.status);

describe('preparing a class', () => {
  it('reads what is cached, then downloads only the chosen variants that are missing, in order', async () => {
    const { store, p, sent } = setUp([1]);
    await p.refresh();
    expect(states(store.getState())).toEqual(['missing', 'ready', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing']);
    expect(store.getState().chosen).toEqual([0, 1, 2, 3]);
    expect(missingBytes(store.getState())).toBe(downloadBytes(0) + downloadBytes(2) + downloadBytes(3));
    expect(store.getState().persisted).toBe(false);
    await p.start();
    expect(sent.filter((s) => s.startsWith('prefetch'))).toEqual(['prefetch B0', 'prefetch B2', 'prefetch B3']);
    expect(states(store.getState()).slice(0, 4)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(store.getState()).toMatchObject({ running: false, persisted: true });
    await p.start(); // a second press (or a reload) fetches nothing again
    expect(sent.filter((s) => s.startsWith('prefetch'))).toHaveLength(3);
    await p.remove(2);
    expect(sent).toContain('uncache B2');
    expect(store.getState().entries[2].status).toBe('missing');
  });

  it('a variant the quota cannot hold is refused before downloading, with the sizes named', async () => {
    const { store, p, sent } = setUp([], { quota: downloadBytes(0) + 10 });
    store.getState().toggle(2);
    store.getState().toggle(3);
    await p.start();
    expect(sent.filter((s) => s.startsWith('prefetch'))).toEqual(['prefetch B0']); // B1 is refused up front
    expect(store.getState().entries[1]).toMatchObject({ status: 'error' });
    expect(store.getState().entries[1].error).toMatch(/^Not enough storage for B1: it needs 31 MB, the browser grants 21 MB more/);
  });

  it('a download the cache would not store is an error, and is not reported ready', async () => {
    const { store, p } = setUp([], { noRoom: [1] });
    await p.start();
    expect(states(store.getState()).slice(0, 4)).toEqual(['ready', 'error', 'ready', 'ready']);
    expect(store.getState().entries[1].error).toMatch(/would not store its 31 MB \(storage full\): nothing of it was kept/);
    await p.refresh();
    expect(store.getState().entries[1].status).toBe('error'); // stays visible until retried
  });
});

describe('preparing the ImageNet sample photos', () => {
  it('keeps the chosen count after the variants; a larger count counts the photos it shares; remove empties it', async () => {
    keptPhotos.files.clear();
    keptPhotos.failAt = Infinity;
    const { store, p } = setUp([0, 1, 2, 3]);
    await p.start();
    expect(keptPhotos.files.size).toBe(0); // not chosen by default
    store.getState().togglePhotos();
    await p.start();
    expect(store.getState().photos).toMatchObject({ chosen: true, count: 50, kept: 50, status: 'ready' });
    store.getState().setPhotoCount(200);
    await p.refresh();
    expect(store.getState().photos).toMatchObject({ count: 200, kept: 50, status: 'missing' }); // every 20th class is among every 5th
    await p.removePhotos();
    expect(store.getState().photos).toMatchObject({ kept: 0, status: 'missing' });
    expect(keptPhotos.files.size).toBe(0);
  });

  it('a failed photo is an error naming it; with random weights the photos are all there is to prepare', async () => {
    keptPhotos.files.clear();
    keptPhotos.failAt = 12;
    const { store, p, sent } = setUp([], { random: true });
    store.getState().togglePhotos();
    await p.start();
    expect(sent.filter((s) => s.startsWith('prefetch'))).toEqual([]);
    expect(store.getState().photos).toMatchObject({
      status: 'error',
      kept: 11,
      error: expect.stringMatching(/^The sample photo n\S+ could not be downloaded/) as unknown,
    });
    expect(store.getState().running).toBe(false);
    keptPhotos.failAt = Infinity;
    await p.start();
    expect(store.getState().photos).toMatchObject({ status: 'ready', kept: 50, error: null });
  });
});

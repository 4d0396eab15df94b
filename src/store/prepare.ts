/** Preparing a class: the chosen variants downloaded and verified into the weight cache one after
 *  another (the worker's prefetches), what is cached and what storage the browser grants, and the
 *  Evaluate view's sample photos kept on the page (image/imagenet-photos.ts). */
import type { StoreApi } from 'zustand/vanilla';
import { VARIANT_COUNT, variantName } from '../scaling';
import { downloadBytes } from '../scaling/weight-sizes';
import type { InferenceClient } from '../worker/client';
import { officialSpec, type ModelSource } from './source';
import { SAMPLE_SIZES } from '../model/imagenet-sample-sizes';
import { RateMeter, type RateEta } from './download-rate';
import { toggled } from './lab-store';

export type PrepareStatus = 'missing' | 'downloading' | 'ready' | 'error';

/** The photo list and its cache code load with the first photo action: this store is in the entry chunk. */
const photoTools = async () => ({ ...(await import('../image/imagenet-photos')), ...(await import('../model/imagenet-sample')) });

/** A variant's entry; `bytes`: cached bytes when ready, else the bytes a download fetches. */
const blank = (k: number) => ({ status: 'missing' as PrepareStatus, bytes: downloadBytes(k), loaded: 0, error: null as string | null });
export type PrepareEntry = ReturnType<typeof blank>;

const prepareData = () => ({
  chosen: [0, 1, 2, 3],
  entries: Array.from({ length: VARIANT_COUNT }, (_, k) => blank(k)),
  /** navigator.storage.estimate() */
  storage: null as { usage: number; quota: number } | null,
  /** navigator.storage.persisted(); null: no Storage API. */
  persisted: null as boolean | null,
  running: false,
  ...({ rate: null, etaS: null } as RateEta),
  /** The Evaluate view's ImageNet sample: its first `count` photos kept or not. */
  photos: { chosen: false, count: SAMPLE_SIZES[0] as number, kept: 0, status: 'missing' as PrepareStatus, error: null as string | null },
});

export const initialPrepare = (set: StoreApi<ReturnType<typeof prepareData>>['setState']) => ({
  ...prepareData(),
  togglePhotos: () => set((s) => ({ photos: { ...s.photos, chosen: !s.photos.chosen } })),
  setPhotoCount: (count: number) => set((s) => ({ photos: { ...s.photos, count, kept: 0, status: 'missing', error: null } })),
  toggle: (k: number) => set((s) => ({ chosen: toggled(s.chosen, k).sort((a, b) => a - b) })),
});
export type PrepareState = ReturnType<typeof initialPrepare>;

/** Bytes still to download for the chosen variants. */
export function missingBytes(s: Pick<PrepareState, 'chosen' | 'entries'>): number {
  return s.chosen.reduce((a, k) => a + (s.entries[k].status === 'ready' ? 0 : downloadBytes(k)), 0);
}

const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

export function createPreparer(
  client: Pick<InferenceClient, 'send'>,
  source: () => ModelSource | null,
  store: StoreApi<PrepareState>,
  storage: () => Pick<StorageManager, 'estimate' | 'persist' | 'persisted'> | undefined = () => globalThis.navigator?.storage,
) {
  const set = store.setState;
  const entry = (k: number, patch: Partial<PrepareEntry>) => set((s) => ({ entries: s.entries.map((e, i) => (i === k ? { ...e, ...patch } : e)) }));

  async function estimate(): Promise<void> {
    const st = storage();
    if (!st) return;
    const e = await st.estimate().catch(() => null);
    const persisted = await st.persisted().catch(() => null);
    set({ storage: e ? { usage: e.usage ?? 0, quota: e.quota ?? 0 } : null, persisted });
  }

  const photosPatch = (patch: Partial<PrepareState['photos']>) => set((s) => ({ photos: { ...s.photos, ...patch } }));

  async function refreshPhotos(): Promise<void> {
    const { count, status } = store.getState().photos;
    if (status === 'downloading') return;
    const { countKeptPhotos, sampleSubset } = await photoTools();
    const kept = await countKeptPhotos(sampleSubset(count));
    if (store.getState().photos.count !== count) return; // changed meanwhile: its own refresh answers
    photosPatch(kept === count ? { kept, status: 'ready', error: null } : { kept, status: status === 'error' ? 'error' : 'missing' });
  }

  async function preparePhotos(): Promise<void> {
    const { chosen, count, status } = store.getState().photos;
    if (!chosen || status === 'ready') return;
    photosPatch({ status: 'downloading', error: null });
    try {
      const { keepPhotos, sampleSubset } = await photoTools();
      await keepPhotos(sampleSubset(count), (kept) => photosPatch({ kept }));
      photosPatch({ status: 'ready' });
    } catch (e) {
      photosPatch({ status: 'error', error: (e as Error).message });
    }
  }

  const refresh = async () => void (await Promise.all([refreshPhotos(), refreshVariants()]));

  /** Reads which variants are completely cached under the current source, and the storage estimate. */
  async function refreshVariants(): Promise<void> {
    const src = source();
    if (!src || src.kind === 'random') return;
    const all = Array.from({ length: VARIANT_COUNT }, (_, k) => k);
    const { bytes } = await client.send({ type: 'cacheState', baseUrl: src.baseUrl, variants: all }, ['cacheState']).done;
    set((s) => ({
      entries: s.entries.map((e, k) =>
        e.status === 'downloading' ? e : bytes[k] !== null ? { ...e, status: 'ready', bytes: bytes[k]!, error: null } : e.status === 'error' ? e : blank(k),
      ),
    }));
    await estimate();
  }

  async function prepareOne(k: number, baseUrl: string, progress: (loaded: number) => void): Promise<void> {
    const st = store.getState().storage;
    const need = downloadBytes(k);
    if (st && st.quota > 0 && st.quota - st.usage < need) {
      throw new Error(
        `Not enough storage for ${variantName(k)}: it needs ${mb(need)}, the browser grants ${mb(Math.max(0, st.quota - st.usage))} more. Remove a variant or free space.`,
      );
    }
    entry(k, { status: 'downloading', loaded: 0, error: null });
    const r = await client.send({ type: 'prefetch', model: officialSpec(k, baseUrl) }, ['prefetched'], {
      onProgress: (p) => {
        if (p.phase === 'download') progress(p.loaded);
        entry(k, { loaded: p.loaded });
      },
    }).done;
    if (!r.stored)
      throw new Error(
        `${variantName(k)} was downloaded and verified, but the browser would not store its ${mb(r.bytes)} (storage full): nothing of it was kept.`,
      );
    entry(k, { status: 'ready', bytes: r.bytes, loaded: r.bytes });
  }

  async function start(): Promise<void> {
    const src = source();
    if (!src || store.getState().running) return;
    set({ running: true, rate: null, etaS: null });
    try {
      if (src.kind !== 'random') {
        const st = storage();
        if (st) set({ persisted: await st.persist().catch(() => null) });
        await refreshVariants(); // the photos are checked as they are kept
        const todo = store.getState().chosen.filter((k) => store.getState().entries[k].status !== 'ready');
        const total = missingBytes(store.getState());
        const meter = new RateMeter();
        meter.sample(0, total, performance.now());
        let done = 0;
        for (const k of todo) {
          try {
            await prepareOne(k, src.baseUrl, (loaded) => set(meter.sample(done + loaded, total, performance.now())));
          } catch (e) {
            entry(k, { status: 'error', loaded: 0, error: (e as Error).message });
          }
          done += downloadBytes(k);
          await estimate();
        }
      }
      await preparePhotos();
      await estimate();
    } finally {
      set({ running: false, etaS: null });
    }
  }

  async function remove(k: number): Promise<void> {
    const src = source();
    if (!src || src.kind === 'random') return;
    await client.send({ type: 'uncache', baseUrl: src.baseUrl, variant: k }, ['uncached']).done;
    entry(k, blank(k));
    await refreshVariants(); // the kept photos did not change: not hashed again
  }

  async function removePhotos(): Promise<void> {
    await (await photoTools()).dropPhotos();
    photosPatch({ kept: 0, status: 'missing', error: null });
    await estimate();
  }

  return { refresh, refreshPhotos, start, remove, removePhotos };
}

// The evaluation run on a fake worker: batches of the planned size, labels and answers in the
// right rows, the lab held throughout, a cancel that keeps whole batches, a failed decode that
// stays one row's error, and inputs from a folder drop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RANDOM_SOURCE } from './source';
import { inputFromFiles, inputFromSample, type EvalInput } from './eval-inputs';
import { cancelEvaluation, startEvaluation, type ClassifyBatch, type EvalChoice } from './evaluate';
import { createAppStore, type AppStore } from './app-store';
import { sliceStore } from './slice-store';
import type { BackendName } from '../model/backend-name';
import { summarize } from './eval-results';
import { planBatchFor } from '../model/batch-plan';
import { formulaNetwork, officialNetwork } from '../scaling';
import { FORMULA_SEED } from '../model/synthetic-init';

const file = (name: string, body = 'x') => new File([body], name, { type: 'image/jpeg' });
const input = (n: number): EvalInput => ({
  items: Array.from({ length: n }, (_, i) => ({ path: `/n${i}.jpg`, label: i % 3, file: async () => file(`n${i}.jpg`, i === 4 ? '' : 'x') })),
  report: null,
  skipped: 0,
  source: 'files',
});

/** A worker that answers class (image number % 2) for each network and refuses empty files. */
function fakeWorker(onBatch: (files: File[]) => void = () => undefined) {
  const batches: number[] = [];
  const classify: ClassifyBatch = async (models, files) => {
    batches.push(files.length);
    onBatch(files);
    const images = files.map((f) => ({ thumb: null, error: f.size === 0 ? `Could not use "${f.name}": the file is empty (0 bytes)` : null }));
    const top = (f: File) => [
      { index: Number(f.name.slice(1, -4)) % 2, prob: 0.9 },
      { index: 2, prob: 0.05 },
    ];
    return {
      type: 'batch',
      id: 1,
      images,
      models: models.map(() => ({
        ms: 10 * files.length,
        top5: files.map((f) => (f.size ? top(f) : null)),
        error: null,
        synthetic: true,
      })),
      memory: { numTensors: 100 + files.length, numBytes: 1000, gpuBytes: null },
    };
  };
  return { classify, batches };
}

const holdCounter = () => {
  const h = {
    held: 0,
    max: 0,
    hold: async <T>(work: () => Promise<T>) => {
      h.held++;
      h.max = Math.max(h.max, h.held);
      try {
        return await work();
      } finally {
        h.held--;
      }
    },
  };
  return h;
};

interface Run extends EvalChoice {
  input: EvalInput;
  variants: number[];
  backend: BackendName;
  custom?: { name: string; files: File[] };
  phi?: number;
  classify?: ClassifyBatch;
  hold?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** A run on random weights in the app `store` with the lab's choices in `o`: the fake worker's answers and a hold counter's hold unless `o` says otherwise. */
async function evaluate(o: Run, store: AppStore = createAppStore()) {
  store.setState({ source: RANDOM_SOURCE, evaluate: o.variants, backendInfo: { name: o.backend } as never, custom: o.custom ?? null, phi: o.phi ?? 0 });
  const engine = { store, classifyBatch: o.classify ?? fakeWorker().classify, whilePaused: o.hold ?? holdCounter().hold };
  await startEvaluation(engine, o.input, o);
  return store.getState().evaluation;
}

describe('evaluation run', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('classifies every image in batches, with the lab held, and sums the figures', async () => {
    const w = fakeWorker();
    const h = holdCounter();
    const store = createAppStore();
    const s = await evaluate({ input: input(10), variants: [0, 1], backend: 'wasm', batch: null, classify: w.classify, hold: h.hold }, store);
    expect(w.batches).toEqual([4, 4, 2]); // wasm's cap
    expect(s.plan).toEqual({ batch: 4, reason: 'wasm cap 4' });
    expect(h.max).toBe(1);
    expect(h.held).toBe(0);
    expect(s).toMatchObject({ running: false, done: 10, synthetic: true, error: null });
    expect(s.networks.map((n) => [n.name, n.key])).toEqual([
      ['B0', 'random:B0:seed=1234'],
      ['B1', 'random:B1:seed=1234'],
    ]);
    expect(s.rows[3].preds[1]![0].index).toBe(1);
    expect(s.rows[4]).toMatchObject({ error: 'Could not use "n4.jpg": the file is empty (0 bytes)', preds: [null, null] });
    expect(s.timings).toEqual([
      { ms: 100, images: 9 },
      { ms: 100, images: 9 },
    ]);
    expect(s.peak).toEqual({ numTensors: 104, numBytes: 1000, gpuBytes: null });
    // labels i % 3, answers i % 2: right for i in {0, 1, 6, 7} (4 is undecodable).
    expect(summarize(s.rows, s.networks, s.timings)[0]).toMatchObject({ total: 9, correct: 4, imagesPerSec: 90 });
    // The deck's slide hears the finished run's counts.
    expect(store.getState().accuracy.rows).toEqual([
      { network: 'B0', correct: 4, total: 9 },
      { network: 'B1', correct: 4, total: 9 },
    ]);
  });

  it('runs the dropped model after the official variants, planning its batch as for B7', async () => {
    const custom = { name: 'my-b0', files: [file('model.json', '{}')] };
    vi.stubGlobal('navigator', { deviceMemory: 8 });
    const s = await evaluate({ input: input(3), variants: [0], custom, withCustom: true, backend: 'webgpu' });
    expect(s.networks.map((n) => [n.name, n.spec.kind, n.paperTop1])).toEqual([
      ['B0', 'random', 77.1],
      ['my-b0', 'custom', null],
    ]);
    expect(s.networks[1].key).toBe('custom:my-b0:model.json/2');
    expect(s.plan).toEqual(planBatchFor([officialNetwork(7)], { backend: 'webgpu', images: 3 }));
    expect(s.rows[2].preds.map((p) => p?.[0].index)).toEqual([0, 0]);
  });

  it('runs the formula network at φ last, sized and planned as the formula builds it', async () => {
    const s = await evaluate({ input: input(2), variants: [0], phi: 2.5, withFormula: true, backend: 'wasm' });
    const f = formulaNetwork(2.5);
    expect(s.networks.map((n) => [n.name, n.spec.kind, n.paperTop1, n.flops, n.resolution])).toEqual([
      ['B0', 'random', 77.1, officialNetwork(0).flops, 224],
      ['formula φ 2.5', 'random', null, f.flops, f.resolution],
    ]);
    expect(s.networks[1].spec).toEqual({ kind: 'random', scaling: { phi: 2.5 }, seed: FORMULA_SEED });
    expect(s.plan).toEqual(planBatchFor([officialNetwork(0), f], { backend: 'wasm', images: 2 }));
  });

  it('a cancel stops before the next batch and keeps whole batches', async () => {
    const store = createAppStore();
    const w = fakeWorker(() => {
      if (w.batches.length === 2) cancelEvaluation(sliceStore(store, 'evaluation'));
    });
    const s = await evaluate({ input: input(10), variants: [0], backend: 'webgpu', batch: 3, classify: w.classify }, store);
    expect(w.batches).toEqual([3, 3]);
    expect(s).toMatchObject({ running: false, cancelled: true, done: 6, plan: { batch: 3, reason: 'chosen' } });
    expect(s.rows.map((r) => r.preds[0] !== null || r.error !== null)).toEqual([true, true, true, true, true, true, false, false, false, false]);
  });

  it('stops with the error when no network can run, keeping what was classified', async () => {
    let n = 0;
    const classify: ClassifyBatch = async (models, files) => {
      if (++n === 2)
        return {
          type: 'batch',
          id: 2,
          images: files.map(() => ({ thumb: null, error: null })),
          models: models.map(() => ({ ms: 0, top5: null, error: 'B0: out of memory', synthetic: false })),
          memory: { numTensors: 0, numBytes: 0, gpuBytes: null },
        };
      return fakeWorker().classify(models, files, () => undefined);
    };
    expect(await evaluate({ input: input(6), variants: [0], backend: 'wasm', batch: 2, classify })).toMatchObject({
      running: false,
      done: 2,
      error: 'B0: out of memory',
    });
  });
});

describe('evaluation inputs', () => {
  it('maps a drop: images labelled by folder, file name or labels.csv; other files skipped', async () => {
    const drop = [
      { path: '/set/n01440764/a.jpg', file: file('a.jpg') },
      { path: '/set/misc/n01443537_goldfish.JPEG', file: file('n01443537_goldfish.JPEG') },
      { path: '/set/misc/c.png', file: file('c.png') },
      { path: '/set/labels.csv', file: file('labels.csv', 'c.png,giant panda') },
      { path: '/set/README.md', file: file('README.md') },
      { path: '/set/.DS_Store', file: file('.DS_Store') },
    ];
    const got = await inputFromFiles(drop);
    expect(got.items.map((i) => [i.path, i.label])).toEqual([
      ['/set/n01440764/a.jpg', 0],
      ['/set/misc/n01443537_goldfish.JPEG', 1],
      ['/set/misc/c.png', 388],
    ]);
    expect(got.skipped).toBe(2);
    expect(got.report).toMatchObject({ folders: 2, matchedFolders: 1, unmatchedFolders: ['misc'] });
  });

  it('takes N sample photos labelled by class index, fetched only when asked', async () => {
    let fetched = 0;
    const s = inputFromSample(50, (async () => (fetched++, new Response('nope', { status: 404 }))) as typeof fetch);
    expect(s.items).toHaveLength(50);
    expect(s.items[1]).toMatchObject({ path: 'n01601694_water_ouzel.JPEG', label: 20 });
    expect(fetched).toBe(0);
    await expect(s.items[0].file()).rejects.toThrow('The sample photo n01440764_tench.JPEG could not be downloaded (HTTP 404)');
  });
});

/** An evaluation run: many images through 1–3 networks, batch by batch through the inference worker,
 *  with the lab's own work held. Cancel stops before the next batch, so a cancelled run keeps whole
 *  batches only (every classified image has every network's answer). */
import type { StoreApi } from 'zustand/vanilla';
import { planBatchFor, type BatchPlan } from '../model/batch-plan';
import { OFFICIAL_VARIANTS, formulaNetwork, officialNetwork, type NetworkConfig } from '../scaling';
import { formulaSpec } from './lab-spec';
import { modelIdOf, type MemoryInfo, type ModelSpec } from '../worker/protocol';
import type { Engine } from './engine';
import { summarize, type EvalRow, type NetworkSummary } from './eval-results';
import type { EvalInput } from './eval-inputs';
import { officialSpec } from './source';
import type { AppStore } from './app-store';
import { sliceStore } from './slice-store';

export const initialEval = () => ({
  runId: 0,
  running: false,
  cancelled: false,
  networks: [] as EvalNetwork[],
  rows: [] as EvalRow[],
  /** Images classified so far. */
  done: 0,
  plan: null as BatchPlan | null,
  /** Per network: worker time in its batches (forward pass and readback, not decoding), and the images it classified. */
  timings: [] as { ms: number; images: number }[],
  /** Wall time so far, ms. */
  elapsedMs: 0,
  /** What the run classifies: its images, their label report, the files passed over, and where they come from. */
  input: null as EvalInput | null,
  synthetic: null as boolean | null,
  /** What is happening now ("loading B1: download 40%"). */
  phase: null as string | null,
  error: null as string | null,
  /** Highest worker memory seen after a batch. */
  peak: null as MemoryInfo | null,
});
export type EvalState = ReturnType<typeof initialEval>;

/** An evaluated network; `key` is modelIdOf(spec), `config` null for a dropped model (its size is unknown here), `paperTop1`
 *  the paper's ImageNet top-1 (%) where it gives one. */
function network(name: string, spec: ModelSpec, config: NetworkConfig | null, paperTop1: number | null = null) {
  return { name, key: modelIdOf(spec), spec, config, flops: config?.flops ?? NaN, resolution: config?.resolution ?? NaN, paperTop1 };
}
export type EvalNetwork = ReturnType<typeof network>;

/** Official Bk as an evaluated network, built the way Compare builds it (officialSpec). */
export const evalNetwork = (k: number, baseUrl: string) => network(`B${k}`, officialSpec(k, baseUrl), officialNetwork(k), OFFICIAL_VARIANTS[k].paperTop1);

export type ClassifyBatch = Engine['classifyBatch'];

export interface EvalChoice {
  /** Chosen by the user instead of the plan. */
  batch?: number | null;
  /** Beside the lab's chosen variants: its dropped model, the formula network at its φ. */
  withCustom?: boolean;
  withFormula?: boolean;
}

const peakOf = (a: MemoryInfo | null, m: MemoryInfo): MemoryInfo => ({
  numTensors: Math.max(a?.numTensors ?? 0, m.numTensors),
  numBytes: Math.max(a?.numBytes ?? 0, m.numBytes),
  gpuBytes: m.gpuBytes === null ? (a?.gpuBytes ?? null) : Math.max(a?.gpuBytes ?? 0, m.gpuBytes),
});

/** The view's run: the lab's chosen networks (?eval=), weights source and backend, held like a series (the engine's whilePaused). */
export async function startEvaluation(engine: Pick<Engine, 'store' | 'classifyBatch' | 'whilePaused'>, input: EvalInput, o: EvalChoice = {}): Promise<void> {
  const { source, evaluate, custom, phi, backendInfo } = engine.store.getState();
  if (!source) return;
  const store = sliceStore(engine.store, 'evaluation');
  const networks = [
    ...evaluate.map((k) => evalNetwork(k, source.baseUrl)),
    // The user's dropped model: its size is unknown here (the batch plan takes it for B7).
    ...(o.withCustom && custom ? [network(custom.name, { kind: 'custom', ...custom }, null)] : []),
    // The formula network at exactly φ: chance-level accuracy, real cost.
    ...(o.withFormula ? [network(`formula φ ${phi.toFixed(1)}`, formulaSpec(phi), formulaNetwork(phi))] : []),
  ];
  const { items } = input;
  const plan = o.batch
    ? { batch: o.batch, reason: 'chosen' }
    : planBatchFor(
        networks.map((n) => n.config ?? officialNetwork(7)),
        { backend: backendInfo?.name ?? 'cpu', images: Math.max(1, items.length) },
      );
  const runId = store.getState().runId + 1;
  for (const r of store.getState().rows) if (r.thumb) URL.revokeObjectURL(r.thumb);
  const startedAt = performance.now();
  const pending = items.map((it) => ({ file: it.path, label: it.label, thumb: null, error: null, preds: networks.map(() => null) }));
  const timings = networks.map(() => ({ ms: 0, images: 0 }));
  store.setState({ ...initialEval(), runId, running: true, networks, plan, input, rows: pending, timings });
  const mine = () => store.getState().runId === runId;
  const specs = networks.map((n) => n.spec);
  const onProgress: Parameters<ClassifyBatch>[2] = (p) => {
    if (!mine() || (p.phase !== 'download' && p.phase !== 'build' && p.phase !== 'compile')) return;
    const pct = p.phase === 'download' && p.total ? `: ${Math.round((100 * p.loaded) / p.total)}%` : '';
    store.setState({ phase: `loading ${networks.find((n) => n.key === p.modelId)?.name ?? 'a network'} (${p.phase}${pct})` });
  };
  try {
    await engine.whilePaused(async () => {
      for (let start = 0; start < items.length; start += plan.batch) {
        if (!mine() || store.getState().cancelled) return;
        const slice = items.slice(start, start + plan.batch);
        const files = await Promise.allSettled(slice.map((it) => it.file()));
        const ok = files.flatMap((f) => (f.status === 'fulfilled' ? [f.value] : []));
        const res = ok.length ? await engine.classifyBatch(specs, ok, onProgress) : null;
        if (!mine()) return;
        const failed = res?.models.filter((m) => m.error) ?? [];
        // No network could run: stop here (the classified batches stay); some could: say which not.
        if (res && failed.length === res.models.length) throw new Error(failed[0].error!);
        store.setState((s) => {
          const rows = s.rows.slice();
          let k = 0;
          files.forEach((f, j) => {
            const i = start + j;
            if (f.status === 'rejected') return void (rows[i] = { ...rows[i], error: (f.reason as Error).message });
            const img = res!.images[k];
            rows[i] = {
              ...rows[i],
              thumb: img.thumb ? URL.createObjectURL(img.thumb) : null,
              error: img.error,
              preds: res!.models.map((m) => m.top5?.[k] ?? null),
            };
            k++;
          });
          const classified = res ? res.images.filter((im) => !im.error).length : 0;
          return {
            rows,
            done: Math.min(items.length, start + slice.length),
            timings: s.timings.map((t, n) => ({ ms: t.ms + (res?.models[n]?.ms ?? 0), images: t.images + (res?.models[n]?.top5 ? classified : 0) })),
            elapsedMs: performance.now() - startedAt,
            synthetic: res ? res.models.some((m) => m.synthetic) : s.synthetic,
            peak: res ? peakOf(s.peak, res.memory) : s.peak,
            phase: null,
            error: failed.length ? failed.map((m) => m.error).join('; ') : s.error,
          };
        });
      }
    });
  } catch (e) {
    if (mine()) store.setState({ error: (e as Error).message });
  } finally {
    if (mine()) store.setState({ running: false, phase: null, elapsedMs: performance.now() - startedAt });
  }
  // The deck's "accuracy the class measured" slide shows the latest finished (or cancelled) run.
  const s = store.getState();
  publishAccuracy(engine.store, summarize(s.rows, s.networks, s.timings));
}

/** One network's row of the class's own accuracy measurement (the deck's "accuracy the class
 *  measured" slide). `network`: the name as the lab shows it ("B0", "formula φ 2.5"…). */
export type AccuracyRow = Pick<NetworkSummary, 'network' | 'correct' | 'total'>;

/** A finished evaluation's counts (null forgets them); rows without photos are left out. */
export function publishAccuracy(store: AppStore, rows: readonly AccuracyRow[] | null): void {
  const kept = rows?.filter((r) => r.total > 0).map(({ network, correct, total }) => ({ network, correct, total })) ?? null;
  store.setState({ accuracy: { rows: kept && kept.length > 0 ? kept : null } });
}

/** Stops the run before its next batch. */
export const cancelEvaluation = (store: StoreApi<EvalState>): void => {
  if (store.getState().running) store.setState({ cancelled: true });
};

/** The typed message protocol between the UI thread and the inference worker.
 *  Small messages, request ids on everything: the UI drops answers to outdated requests. */
import type { Spread } from '../model/timing';
import type { BackendName } from '../model/backend-name';
import type { KernelMode } from '../model/kernels/plan';
import type { KernelParityJob, KernelParityReport } from '../model/kernels/parity';
import type { WeightPrecision } from '../model/model-json';
import type { Ranked as Prediction } from '../model/labels';
import type { BackendChoice, MemoryInfo } from '../model/backend';
import { scalingId, type Scaling } from '../scaling';
import type { outcomeOf } from './classify-image';

/** Which network answers: an official converted export (`source`: the weight source's base URL), a custom model (a converted
 *  folder the user dropped), or a network built in the worker with seeded random weights (no
 *  download): the formula network at φ, the race's and own-coefficient networks, official Bk in
 *  random-weights mode (?weights=random) — one `scaling` describes each. */
export type ModelSpec =
  { kind: 'official'; variant: number; source: string } | { kind: 'custom'; name: string; files: File[] } | { kind: 'random'; scaling: Scaling; seed: number };

export type WorkerRequest =
  | { type: 'init'; id: number; backend?: BackendName; kernels?: KernelMode }
  /** Every WebGPU kernel path against stock ops on random weights (e2e, window.phiLab). */
  | { type: 'kernelParity'; id: number; job: KernelParityJob }
  /** Keep an image in the worker; later classify requests run on it. */
  | { type: 'setImage'; id: number; image: ImageBitmap; name: string }
  /** A user's file: sniffed, size-checked and decoded here (off the page), then kept as the image.
   *  Answered by 'imageSet' with a small copy to show, or 'needsPage' for an SVG (only an <img>
   *  rasterises it: the page decodes it and sends 'setImage'). A newer image request aborts it. */
  | { type: 'setImageFile'; id: number; file: File }
  /** Forget the image: later classify requests run on the procedural test pattern. */
  | { type: 'clearImage'; id: number }
  /** Run the current image (or a deterministic test pattern for random nets) through a model once. */
  | { type: 'classify'; id: number; model: ModelSpec; cam?: boolean }
  /** Evaluate: `files` (one batch) decoded in the worker, through each model as one batch
   *  tensor; small thumbnails come back with each image's top-5. Answered by 'batch'. */
  | { type: 'classifyBatch'; id: number; models: ModelSpec[]; files: File[] }
  /** A timed series (src/model/timing.ts): load every model, run each once (compiling), then
   *  `warmup` untimed and `runs` timed runs each, interleaved in rounds; `cam`: then one untimed
   *  pass each for the class activation map. */
  | { type: 'measure'; id: number; models: ModelSpec[]; runs: number; warmup: number; cam?: boolean }
  /** Download an official model into the cache only (speculative; runs beside the queue). */
  | { type: 'prefetch'; id: number; model: ModelSpec }
  /** Which official variants under `baseUrl` are completely cached (their bytes), and removing one. */
  | { type: 'cacheState'; id: number; baseUrl: string; variants: number[] }
  | { type: 'uncache'; id: number; baseUrl: string; variant: number }
  /** The worker's own log of the requests it handled (tests check that timing ran alone). */
  | { type: 'log'; id: number }
  | { type: 'memory'; id: number }
  /** The model as an ONNX file (loads it first if needed); answered by 'onnx'. */
  | { type: 'exportOnnx'; id: number; model: ModelSpec }
  /** Abort the download of request `target` (the user moved on). */
  | { type: 'cancel'; id: number; target: number }
  /** Fault injection for tests and scripting: lose the WebGPU device, or crash the worker. */
  | { type: 'debug'; id: number; action: DebugAction };

/** 'oom-next': the next network build fails as if memory ran out (allocation failure). */
export type DebugAction = 'lose-device' | 'crash' | 'oom-next';

export type LoadPhase = 'download' | 'cache' | 'build' | 'compile' | 'run';

/** What one classification produced (shared by the worker's reply and the store's result). */
export type ClassifyOutcome = ReturnType<typeof outcomeOf>;

/** Messages with id 0 are unsolicited (e.g. the backend re-initialised after a lost device). */
export type WorkerResponse =
  | ({ type: 'backend'; id: number } & BackendChoice)
  | { type: 'progress'; id: number; modelId: string; phase: LoadPhase; loaded: number; total: number }
  | { type: 'ready'; id: number; synthetic: boolean; precision: WeightPrecision; fromCache: boolean; bytes: number }
  /** `display`: what the page shows for a decoded file (the file itself, or a small copy). */
  | { type: 'imageSet'; id: number; width: number; height: number; display?: Blob }
  | { type: 'needsPage'; id: number }
  | ({ type: 'result'; id: number } & ClassifyOutcome)
  | { type: 'series'; id: number; entries: SeriesEntry[] }
  | { type: 'batch'; id: number; images: { thumb: Blob | null; error: string | null }[]; models: BatchModelResult[]; memory: MemoryInfo }
  | { type: 'prefetched'; id: number; bytes: number; fromCache: boolean; stored: boolean }
  | { type: 'cacheState'; id: number; bytes: (number | null)[] }
  | { type: 'uncached'; id: number }
  | { type: 'log'; id: number; entries: RequestLogEntry[] }
  | { type: 'memory'; id: number; memory: MemoryInfo }
  /** `bytes` is transferred; `nodes` counts the graph's ONNX nodes. */
  | { type: 'onnx'; id: number; fileName: string; bytes: ArrayBuffer; nodes: number }
  | { type: 'debugDone'; id: number }
  | { type: 'kernelParity'; id: number; report: KernelParityReport }
  | { type: 'error'; id: number; message: string };

/** The worker's answer of one type. */
export type Answer<T extends WorkerResponse['type']> = Extract<WorkerResponse, { type: T }>;

/** A class and its probability, without its name (Evaluate's many top-5s: the page names them). */
export type ClassProb = Pick<Prediction, 'index' | 'prob'>;

/** One model's answers for a batch: per file (index-aligned), the top-5 or null (not decoded);
 *  `ms` is the batch's forward pass and readback. */
export interface BatchModelResult {
  ms: number;
  top5: (ClassProb[] | null)[] | null;
  error: string | null;
  synthetic: boolean;
}

/** One model's share of a timed series: its outcome on the current image, its first run
 *  (compilation included), and every warm-up and timed run. */
export type SeriesEntry =
  ({ ok: true; firstMs: number | null; warmupMs: number[]; times: number[]; spread: Spread } & ClassifyOutcome) | { ok: false; error: string };

/** One handled request: when it ran (worker clock, ms); a series also says when timing ran. */
export interface RequestLogEntry {
  id: number;
  type: WorkerRequest['type'];
  what: string;
  start: number;
  end: number | null;
  timed?: { start: number; end: number };
}

/** A model spec's identity, in the worker's model cache (one loaded network per id) and in the
 *  store alike: equal ids are the same network with the same weights. */
export function modelIdOf(spec: ModelSpec): string {
  if (spec.kind === 'official') return `B${spec.variant}@${spec.source}`;
  if (spec.kind === 'custom') return `custom:${spec.name}:${spec.files.map((f) => `${f.name}/${f.size}`).join(',')}`;
  return `random:${scalingId(spec.scaling)}:seed=${spec.seed}`;
}

/** The official variant a spec runs (converted or seeded weights), or null. */
export const variantOf = (spec: ModelSpec): number | null =>
  spec.kind === 'official' ? spec.variant : spec.kind === 'random' && 'variant' in spec.scaling ? spec.scaling.variant : null;

/** Random weights with no released checkpoint behind them (the formula network, the race's and
 *  own-coefficient networks): its answer is latency only, never a prediction. */
export const latencyOnly = (spec: ModelSpec): boolean => spec.kind === 'random' && variantOf(spec) === null;

export function describeModel(m: ModelSpec): string {
  if (m.kind !== 'random') return m.kind === 'official' ? `B${m.variant}` : m.name;
  if ('variant' in m.scaling) return `B${m.scaling.variant}`;
  return 'phi' in m.scaling ? `the formula network at φ ${m.scaling.phi}` : `the network “${m.scaling.name}”`;
}

export type { MemoryInfo, Prediction };

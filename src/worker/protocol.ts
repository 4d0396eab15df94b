/** The typed message protocol between the UI thread and the inference worker.
 *  Small messages, request ids on everything: the UI drops answers to outdated requests. */
import type { Spread } from '../model/stats';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKENDS as readonly string[]).includes(v);
}

/** Which network answers: an official converted export (by URL), a user-dropped folder,
 *  or an in-memory random-weight network at any φ (latency only). */
export type ModelSpec =
  | { kind: 'official'; variant: number; baseUrl: string }
  | { kind: 'files'; name: string; files: File[] }
  | { kind: 'random'; phi: number; seed: number; resolution?: number };

export interface Prediction {
  index: number;
  label: string;
  prob: number;
}

export interface Latency {
  /** The first inference of this model on this backend (shader compilation included). */
  firstMs: number | null;
  /** The run just made. */
  lastMs: number;
  /** Median of the steady-state runs so far (after the first). */
  steadyMedianMs: number | null;
  steadyP25Ms: number | null;
  steadyP75Ms: number | null;
  steadyP95Ms: number | null;
  steadyRuns: number;
  /** Was the run just made the first one (compiling shaders)? */
  wasFirst: boolean;
}

export type WorkerRequest =
  | { type: 'init'; id: number; backend?: BackendName }
  | { type: 'load'; id: number; model: ModelSpec }
  /** Keep an image in the worker; later classify requests run on it. */
  | { type: 'setImage'; id: number; image: ImageBitmap; name: string }
  /** Run the current image (or a deterministic test pattern for random nets) through a model.
   *  `runs` > 1: first + warm-up + `runs` timed runs, for steady-state medians. */
  | { type: 'classify'; id: number; model: ModelSpec; runs?: number }
  /** A timed series (src/model/measure.ts): load every model, run each once (compiling), then
   *  `warmup` untimed and `runs` timed runs each, interleaved in rounds. */
  | { type: 'measure'; id: number; models: ModelSpec[]; runs: number; warmup: number }
  /** Download an official model into the cache only (speculative; runs beside the queue). */
  | { type: 'prefetch'; id: number; model: ModelSpec }
  /** The worker's own log of the requests it handled (tests check that timing ran alone). */
  | { type: 'log'; id: number }
  | { type: 'memory'; id: number }
  /** Abort the download of request `target` (the user moved on). */
  | { type: 'cancel'; id: number; target: number }
  /** Fault injection for tests and scripting: lose the WebGPU device, or crash the worker. */
  | { type: 'debug'; id: number; action: DebugAction };

/** 'oom-next': the next network build fails as if memory ran out (allocation failure). */
export type DebugAction = 'lose-device' | 'crash' | 'oom-next';

export type LoadPhase = 'download' | 'cache' | 'build' | 'compile' | 'run';

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  gpuBytes: number | null;
}

/** What one classification produced (shared by the worker's reply and the store's result). */
export interface ClassifyOutcome {
  resolution: number;
  /** The image it ran on; null for the built-in test pattern. */
  imageName: string | null;
  top5: Prediction[];
  latency: Latency;
  synthetic: boolean;
  memory: MemoryInfo;
}

/** Messages with id 0 are unsolicited (e.g. the backend re-initialised after a lost device). */
export type WorkerResponse =
  | { type: 'backend'; id: number; backend: BackendName; reason: string; adapter: string | null }
  | { type: 'progress'; id: number; key: string; phase: LoadPhase; loaded: number; total: number }
  | {
      type: 'ready';
      id: number;
      key: string;
      synthetic: boolean;
      fromCache: boolean;
      loadMs: number;
      bytes: number;
    }
  | { type: 'imageSet'; id: number; width: number; height: number }
  | ({ type: 'result'; id: number; key: string } & ClassifyOutcome)
  | { type: 'series'; id: number; entries: SeriesEntry[] }
  | { type: 'prefetched'; id: number; bytes: number; fromCache: boolean }
  | { type: 'log'; id: number; entries: RequestLogEntry[] }
  | { type: 'memory'; id: number; memory: MemoryInfo }
  | { type: 'debugDone'; id: number }
  | { type: 'error'; id: number; message: string };

/** One model's share of a timed series: its outcome on the current image, its first run
 *  (compilation included), and every warm-up and timed run. */
export type SeriesEntry =
  | ({ ok: true; firstMs: number | null; warmupMs: number[]; times: number[]; spread: Spread } & ClassifyOutcome)
  | { ok: false; error: string };

/** One handled request: when it ran (worker clock, ms); a series also says when timing ran. */
export interface RequestLogEntry {
  id: number;
  type: WorkerRequest['type'];
  what: string;
  start: number;
  end: number | null;
  timed?: { start: number; end: number };
}

/** A stable cache key for a model spec (one loaded network per key in the worker). */
export function modelKey(spec: ModelSpec): string {
  switch (spec.kind) {
    case 'official':
      return `B${spec.variant}@${spec.baseUrl}`;
    case 'files':
      return `files:${spec.name}:${spec.files.map((f) => `${f.name}/${f.size}`).join(',')}`;
    case 'random':
      return `random:phi=${spec.phi.toFixed(2)}:seed=${spec.seed}:r=${spec.resolution ?? 'formula'}`;
  }
}

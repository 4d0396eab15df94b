/** Backend selection: webgpu first, then webgl, wasm, cpu. Each failure is kept as a reason the UI
 *  shows ("WebGPU: no adapter"). Runs in the worker (or in Node tests with cpu/wasm). */
import * as tf from '@tensorflow/tfjs-core';
// WebGPU, the first choice (and the base of the own kernels), is bundled; the fallbacks load on
// first use, so the worker's first chunk carries tfjs-core and one backend.
import '@tensorflow/tfjs-backend-webgpu';
import { BACKENDS, type BackendName } from './backend-name';

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export interface BackendChoice {
  backend: BackendName;
  reason: string;
  adapter: string | null;
  /** wasm only: XNNPACK's thread count, and why it is 1 when threads were unusable. */
  threads?: number;
  threadsNote?: string;
}

let wasmPaths: string | Record<string, string> | null = null;
let pthreadScript: string | null = null;

/** Where the wasm binaries are served (Vite asset URLs in the app; a folder in Node) and the
 *  threaded build's pthread script (scripts/lib/wasm-threads.ts); applied when wasm loads. */
export function configureWasm(paths: string | Record<string, string>, pthreads?: string): void {
  wasmPaths = paths;
  pthreadScript = pthreads ?? null;
}

/** Called when a pthread worker fails to start (while the threaded build starts; a no-op after). */
let onPthreadError: (message: string) => void = () => undefined;
/** While the threads start, and for good once one failed to (its pool siblings fail later). */
let pthreadErrorsReported = false;

/** tfjs-wasm starts each pthread from a blob: copy of its script, which then loads a blob: copy of
 *  the glue made from the bundled factory's source: minified, that source names variables outside
 *  it, so every pthread dies at start (and the CSP's worker-src 'self' refuses blob: anyway), and
 *  the backend waits forever. Workers asked for by a blob: URL start from the app's copy instead,
 *  and a failure to start is reported rather than waited on. */
function routePthreads(script: string): void {
  const Base = globalThis.Worker as typeof Worker | undefined;
  if (!Base || (Base as { routed?: boolean }).routed) return;
  globalThis.Worker = class extends Base {
    static routed = true;
    constructor(url: string | URL, options?: WorkerOptions) {
      const pthread = String(url).startsWith('blob:');
      super(pthread ? script : url, options);
      if (!pthread) return;
      // Emscripten's onerror rethrows, which would crash the whole worker: while the threads start,
      // a failure is reported instead (the plain build follows); later errors reach it as before.
      let emscripten: ((e: ErrorEvent) => unknown) | null = null;
      Object.defineProperty(this, 'onerror', { configurable: true, get: () => emscripten, set: (h: typeof emscripten) => void (emscripten = h) });
      this.addEventListener('error', (e) => {
        if (!pthreadErrorsReported) return void emscripten?.call(this, e);
        e.preventDefault();
        onPthreadError(e.message || 'a thread failed to start');
      });
    }
  };
}

/** Registers a fallback backend by importing its package (later calls are no-ops); wasm: startWasm. */
const LOAD_BACKEND: Partial<Record<BackendName, () => Promise<unknown>>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

async function describeAdapter(): Promise<string> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) throw new Error('navigator.gpu is missing (browser without WebGPU, or not a secure context)');
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no adapter');
  const { info, isFallbackAdapter } = adapter as GPUAdapter & { info?: GPUAdapterInfo; isFallbackAdapter?: boolean };
  const name = [info?.vendor, info?.architecture || info?.device].filter(Boolean).join('/');
  return `${name || 'unknown'}${isFallbackAdapter ? ' (fallback adapter)' : ''}`;
}

/** Runs `f` while `navigator.hardwareConcurrency` reads `cores`. tfjs-wasm caps its thread pool at
 *  hardwareConcurrency / 2 (backend.cc assumes two hyperthreads per core), read once as the module
 *  starts: on a 2-core machine setThreadsCount(2) would give 1. Shown twice the wanted count while
 *  it starts, it honours setThreadsCount. */
async function withCoresSeenAs<T>(cores: number, f: () => Promise<T>): Promise<T> {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav) return f();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await f();
  } finally {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  }
}

/** Makes `name` the active backend, ready to run. */
async function activate(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error('failed to initialise');
  await tf.ready();
}

/** Initialises the threaded wasm build; rejects as soon as a pthread fails to start (tfjs would
 *  wait for it forever). */
async function initThreadedWasm(cores: number): Promise<void> {
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => (onPthreadError = (m) => reject((failure = new Error(m)))));
  pthreadErrorsReported = true;
  try {
    await Promise.race([withCoresSeenAs(cores, () => activate('wasm')), failed]);
  } finally {
    onPthreadError = () => undefined;
    if (!failure) pthreadErrorsReported = false;
  }
}

async function startWasm(threadsAsked?: number): Promise<{ threads: number; threadsNote?: string }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (wasmPaths) wasm.setWasmPaths(wasmPaths);
  // One thread per core, at most 8 (beyond that XNNPACK's gains flatten and each thread is a
  // worker with its own copy of the glue).
  const wanted = threadsAsked ?? Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 1));
  // One thread: the plain SIMD build (no pthread pool to start, nothing to explain). More share
  // the wasm memory through a SharedArrayBuffer, which only a cross-origin isolated context has.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  let note = wanted > 1 && !isolated ? 'the page is not cross-origin isolated, so no SharedArrayBuffer' : null;
  if (wanted > 1 && !note && pthreadScript) {
    routePthreads(pthreadScript);
    wasm.setThreadsCount(wanted);
    const factory = tf.findBackendFactory('wasm');
    try {
      await initThreadedWasm(2 * wanted);
      return { threads: wasm.getThreadsCount() };
    } catch (e) {
      // A fresh registration forgets the stuck initialisation; the plain SIMD build follows.
      note = `the threaded build failed to start (${(e as Error).message})`;
      tf.removeBackend('wasm');
      tf.registerBackend('wasm', factory, 2);
    }
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await withCoresSeenAs(2, () => activate('wasm'));
  const threads = wasm.getThreadsCount();
  return note ? { threads, threadsNote: note } : { threads };
}

async function tryBackend(name: BackendName, threads?: number): Promise<Pick<BackendChoice, 'adapter' | 'threads' | 'threadsNote'>> {
  const adapter = name === 'webgpu' ? await describeAdapter() : null;
  await LOAD_BACKEND[name]?.();
  const started = name === 'wasm' ? await startWasm(threads) : await activate(name).then(() => ({}));
  // A real op read back: some drivers initialise fine and fail on first use.
  const v = await tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2))).data();
  if (v[0] !== 3) throw new Error('sanity op returned a wrong value');
  return { adapter, ...started };
}

/** Picks the first backend that works, starting at `forced` when given. `threads`: a fixed wasm
 *  thread count in place of the rule (the bench's `--threads`; 1: the single-threaded SIMD build). */
export async function selectBackend(forced?: BackendName, threads?: number): Promise<BackendChoice> {
  const order = forced ? [forced, ...BACKENDS.filter((b) => b !== forced)] : [...BACKENDS];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      const chosen = await tryBackend(name, threads);
      const why =
        reasons.length > 0
          ? reasons.join('; ')
          : forced
            ? `${LABEL[name]}: chosen by ?backend=${forced}`
            : `${LABEL[name]}: available${chosen.adapter ? ` (adapter ${chosen.adapter})` : ''}`;
      return { backend: name, reason: why, ...chosen };
    } catch (e) {
      reasons.push(`${LABEL[name]}: ${(e as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend works here (${reasons.join('; ')})`);
}

export function memoryInfo() {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return {
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    /** GPU buffers/textures in use by tensors (webgl and webgpu report it; cpu/wasm don't). */
    gpuBytes: m.numBytesInGPU ?? null,
  };
}
export type MemoryInfo = ReturnType<typeof memoryInfo>;

/** The webgpu factory as registered at import: removeBackend() forgets it, so it is kept to
 *  register a fresh backend (new adapter and device) after the device is lost. */
const webgpuFactory = tf.findBackendFactory('webgpu');

/** Calls `onLost` once when the current WebGPU device is lost (driver reset, GPU removed,
 *  destroy()). Other backends have nothing to watch. */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  void device?.lost.then((info) => onLost(`${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}`));
}

/** Throws away the current backend (all its tensors) and initialises a new one of the same
 *  kind. Used after a lost WebGPU device. */
export async function reinitBackend(name: BackendName): Promise<BackendChoice> {
  try {
    tf.removeBackend(name);
  } catch {
    // a backend whose device is gone may fail to dispose; it is unregistered all the same
  }
  if (name === 'webgpu' && webgpuFactory) tf.registerBackend('webgpu', webgpuFactory, 3);
  return selectBackend(name);
}

const OOM = /out of memory|OOM|allocation failed|Array buffer allocation|memory access out of bounds|Failed to allocate/i;

export function isOutOfMemory(e: unknown): boolean {
  return OOM.test(e instanceof Error ? e.message : String(e));
}

/** Plain words for failures users can act on (GPU memory exhausted, lost device). */
export function explainError(e: unknown, what: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(msg)) {
    return `Out of memory while running ${what}. Try a smaller φ (fewer pixels and channels); the app stays usable. (${msg})`;
  }
  if (/device (was )?lost|Device is lost|destroyed/i.test(msg)) {
    return `The GPU device was lost while running ${what}; it has been re-initialised, try again. (${msg})`;
  }
  return msg;
}

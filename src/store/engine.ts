/** Turns store changes into worker requests and worker answers back into store state:
 *  control → store → worker request → result → store → view. The latest request wins. */
import { loadFromUrl } from '../model/artifacts';
import type { KernelParityJob, KernelParityReport } from '../model/kernels/plan';
import { FORMULA_SEED } from '../model/synthetic-init';
import { isVariantIndex, nearestOfficial } from '../scaling';
import { InferenceClient, type WorkerFactory } from '../worker/client';
import type { DebugAction, MemoryInfo, ModelSpec, WorkerResponse } from '../worker/protocol';
import { Coalescer } from './coalescer';
import { decodeImageFile } from '../image/decode-file';
import { useLab, type InferenceResult, type LabState, type LoadState, type Status } from './lab-store';
import { allowedByCsp, cspConnectOrigins, resolveModelSource, type ModelSource } from './model-source';
import { officialSpec, RANDOM_SOURCE } from './weights-mode';
import { requestOnnx, type OnnxFile } from './onnx-download';

interface Job {
  phi: number;
  formula: boolean;
  image: number;
}

/** Seed of the in-memory formula networks: fixed, so the same φ gives the same network. */
export { FORMULA_SEED };

let client: InferenceClient | null = null;
let coalescer: Coalescer<Job, InferenceResult> | null = null;
let imageVersion = 0;
let running: { id: number; key: string } | null = null;
/** The user's file, kept so a restarted worker can be given the image again. */
let lastFile: File | null = null;
/** Decoding a huge image takes seconds: only the newest dropped file may replace the image. */
let decodeSeq = 0;
/** After a worker restart: settles once the new worker has its backend and the image again;
 *  requests wait for it so none runs on the test pattern by mistake. */
let restoring: Promise<void> = Promise.resolve();
const prefetched = new Set<number>();

const patch = (p: Partial<LabState>) => useLab.getState().patch(p);
const setLoad = (key: string, l: LoadState) => patch({ loads: { ...useLab.getState().loads, [key]: l } });
/** Forgets a download bar that will not finish (failed or abandoned). */
function dropLoad(key: string) {
  const loads = { ...useLab.getState().loads };
  if (loads[key]?.phase !== 'download') return;
  delete loads[key];
  patch({ loads });
}

export function specFor(job: Pick<Job, 'phi' | 'formula'>, source: ModelSource): { key: string; spec: ModelSpec } {
  const custom = useLab.getState().custom;
  if (custom && !job.formula) return { key: `your model “${custom.name}”`, spec: { kind: 'custom', name: custom.name, files: custom.files } };
  if (job.formula) {
    return { key: `phi=${job.phi.toFixed(1)}`, spec: { kind: 'formula', phi: job.phi, seed: FORMULA_SEED } };
  }
  const k = nearestOfficial(job.phi);
  return { key: `B${k}`, spec: officialSpec(k, source.baseUrl) };
}

const PHASE_STATUS: Record<string, Status> = { download: 'loading', cache: 'loading', build: 'loading', compile: 'compiling', run: 'running' };

function onProgress(key: string, p: Extract<WorkerResponse, { type: 'progress' }>) {
  if (p.phase === 'download' || p.phase === 'cache') setLoad(key, { phase: p.phase, loaded: p.loaded, total: p.total });
  patch({ status: PHASE_STATUS[p.phase] ?? 'running' });
}

async function runJob(job: Job): Promise<InferenceResult> {
  await restoring;
  const { source } = useLab.getState();
  if (!client || !source) throw new Error('The inference engine is not ready');
  const { key, spec } = specFor(job, source);
  patch({ status: 'running' });
  const req = client.send({ type: 'classify', model: spec, cam: true }, ['result'], {
    onProgress: (p) => onProgress(key, p),
    onReady: (r) => {
      setLoad(key, { phase: 'ready', loaded: r.bytes, total: r.bytes, fromCache: r.fromCache });
      if (spec.kind !== 'formula') patch({ synthetic: r.synthetic });
    },
  });
  running = { id: req.id, key };
  try {
    const r = await req.done.catch((e: Error) => {
      dropLoad(key);
      throw e;
    });
    return {
      kind: spec.kind,
      variant: spec.kind === 'official' || spec.kind === 'seeded' ? spec.variant : null,
      phi: job.phi,
      name: key,
      resolution: r.resolution,
      imageName: r.imageName,
      top5: r.top5,
      latency: r.latency,
      synthetic: r.synthetic,
      memory: r.memory,
      cam: r.cam,
    };
  } finally {
    running = null;
  }
}

/** Downloads the neighbours of Bk into the cache on the main thread, so the worker stays free. */
function prefetchNeighbours(k: number) {
  const { source } = useLab.getState();
  if (!source || source.kind === 'random') return;
  for (const j of [k + 1, k - 1]) {
    if (!isVariantIndex(j) || prefetched.has(j) || useLab.getState().loads[`B${j}`]) continue;
    prefetched.add(j);
    const key = `B${j}`;
    loadFromUrl(`${source.baseUrl}${key}/`, (loaded, total, phase) => setLoad(key, { phase, loaded, total }))
      .then((a) => setLoad(key, { phase: 'cached', loaded: a.bytes, total: a.bytes, fromCache: a.fromCache }))
      .catch(() => {
        prefetched.delete(j); // a prefetch failure is silent: the real load reports it
        dropLoad(key);
      });
    return; // one at a time: CPUs here are few
  }
}

export function schedule(): void {
  if (!coalescer || !useLab.getState().source || useLab.getState().view === 'bench') return;
  const { phi, formula } = useLab.getState();
  const next = specFor({ phi, formula }, RANDOM_SOURCE); // only its key is used
  // A download of a variant the user has moved away from is aborted rather than waited for.
  if (running && running.key !== next.key && useLab.getState().loads[running.key]?.phase === 'download') {
    client?.cancel(running.id);
  }
  coalescer.submit({ phi, formula, image: imageVersion });
}

/** Uses a dropped converted model folder (model.json + the shards it lists) instead of the
 *  built-in weights; null goes back to them. */
export function setCustomModel(files: File[] | null): void {
  if (files && !files.some((f) => f.name === 'model.json')) {
    patch({ error: `Could not use the dropped files (${files.map((f) => f.name).join(', ')}): a converted model needs its model.json` });
    return;
  }
  const folder = files?.find((f) => f.webkitRelativePath)?.webkitRelativePath.split('/')[0];
  patch({ custom: files ? { name: folder || 'dropped model', files } : null, error: null }); // the store subscription schedules
}

/** The weights error's use-random-weights button: the official networks with seeded random
 *  weights from now on (?weights=random in the URL, the synthetic banner on). */
export function switchToRandomWeights(): void {
  prefetched.clear();
  patch({ weights: 'random', source: RANDOM_SOURCE, error: null, loads: {} });
  schedule();
}

/** The error's retry button: clears the error and runs the current request again. */
export function retry(): void {
  patch({ error: null });
  schedule();
}

/** Decodes a user's file and hands it to the worker; the old image stays if this one fails. */
export async function setImageFile(file: File): Promise<void> {
  if (!client) return;
  try {
    const seq = ++decodeSeq;
    const { bitmap, url } = await decodeImageFile(file);
    if (seq !== decodeSeq) {
      bitmap.close();
      URL.revokeObjectURL(url);
      return;
    }
    lastFile = file;
    const { width, height } = bitmap;
    coalescer?.clear(); // whatever runs now is for the old image: never show it for the new one
    await client.send({ type: 'setImage', image: bitmap, name: file.name }, ['imageSet'], { transfer: [bitmap] }).done;
    const old = useLab.getState().image;
    if (old) URL.revokeObjectURL(old.url);
    imageVersion++;
    patch({ image: { name: file.name, width, height, url }, error: null });
    schedule();
  } catch (e) {
    patch({ error: (e as Error).message, status: 'idle' });
  }
}

export async function startEngine(factory?: WorkerFactory): Promise<void> {
  client = new InferenceClient(factory);
  coalescer = new Coalescer<Job, InferenceResult>({
    run: (job) => runJob(job),
    onResult: (result) => {
      patch({ result, status: 'idle', error: null });
      if (result.variant !== null) prefetchNeighbours(result.variant);
    },
    onError: (e) => {
      if (e.message !== 'cancelled') patch({ error: e.message, status: 'error' });
    },
  });
  const st = useLab.getState();
  const init = async () => {
    const b = await client!.send({ type: 'init', backend: st.backend ?? undefined, kernels: st.kernels ?? undefined }, ['backend']).done;
    patch({ backendInfo: { name: b.backend, reason: b.reason, adapter: b.adapter } });
  };
  client.onRestart = (reason) => {
    patch({ error: `${reason}. It was restarted; press Retry or move φ to run again.`, status: 'idle' });
    restoring = init()
      .then(async () => {
        if (!lastFile) return;
        const { bitmap } = await decodeImageFile(lastFile);
        await client!.send({ type: 'setImage', image: bitmap, name: lastFile.name }, ['imageSet'], { transfer: [bitmap] }).done;
      })
      .catch((e: Error) => patch({ error: e.message, status: 'error' }));
  };
  client.onUnsolicited = (msg) => {
    if (msg.type === 'backend') patch({ backendInfo: { name: msg.backend, reason: msg.reason, adapter: msg.adapter } });
  };
  try {
    const random = st.weights === 'random';
    const [resolved] = await Promise.all([random ? RANDOM_SOURCE : resolveModelSource(st.models, location.origin), init()]);
    const source = random ? resolved : offlineSource(resolved);
    patch({ source, status: 'idle' });
    if (!random && !allowedByCsp(source.baseUrl, location.origin, cspConnectOrigins())) {
      useLab.getState().addNotice(
        `This build's Content-Security-Policy does not allow fetching weights from ${new URL(source.baseUrl).origin}; ` +
          'rebuild with VITE_CSP_CONNECT_EXTRA to allow it.',
      );
    }
  } catch (e) {
    patch({ error: (e as Error).message, status: 'error' });
    return;
  }
  useLab.subscribe((s, prev) => {
    if (s.phi !== prev.phi || s.formula !== prev.formula || s.custom !== prev.custom || (prev.view === 'bench' && s.view !== 'bench')) schedule();
  });
  // The bench view measures on its own workers: the lab stays idle so it does not compete.
  if (useLab.getState().view !== 'bench') schedule();
}

const SOURCE_KEY = 'phiLab.modelSource';

/** Offline, the probes for /models/ and /synthetic-models/ fail: the source that worked last
 *  time (remembered here) is used, so cached weights still load. */
function offlineSource(resolved: ModelSource): ModelSource {
  try {
    const remembered = localStorage.getItem(SOURCE_KEY);
    if (!navigator.onLine && remembered && !useLab.getState().models) return JSON.parse(remembered) as ModelSource;
    localStorage.setItem(SOURCE_KEY, JSON.stringify(resolved));
  } catch {
    // storage blocked (private mode): no memory of the source
  }
  return resolved;
}

/** For tests and scripting: the worker client in use. */
export const engineClient = () => client;

/** Fault injection for tests and scripting (window.phiLab.debug): lose the GPU device, crash. */
export async function debugWorker(action: DebugAction): Promise<void> {
  await client?.send({ type: 'debug', action }, ['debugDone']).done;
}

/** Every WebGPU kernel path against stock ops in the worker (window.phiLab, e2e). */
export async function kernelParity(job: KernelParityJob): Promise<KernelParityReport | null> {
  return client ? (await client.send({ type: 'kernelParity', job }, ['kernelParity']).done).report : null;
}

/** The worker's tfjs memory (tensor count, bytes, GPU bytes where known). */
export async function workerMemory(): Promise<MemoryInfo | null> {
  if (!client) return null;
  return (await client.send({ type: 'memory' }, ['memory']).done).memory;
}

/** Soak hook: `runs` consecutive inferences of the φ=0 network on small inputs in one request;
 *  returns the run count and the worker's memory after them. */
export async function soak(runs: number, resolution = 96): Promise<{ steadyRuns: number; memory: MemoryInfo }> {
  if (!client) throw new Error('engine not started');
  const r = await client.send(
    { type: 'classify', model: { kind: 'formula', phi: 0, seed: FORMULA_SEED, resolution }, runs },
    ['result'],
  ).done;
  return { steadyRuns: r.latency.steadyRuns, memory: r.memory };
}

/** The current network as an ONNX file, built by the worker (see onnx-download.ts). */
export async function exportCurrentOnnx(): Promise<OnnxFile> {
  if (!client) throw new Error('The inference engine is not ready');
  await restoring;
  return requestOnnx(client, useLab.getState());
}

/// <reference lib="webworker" />
/** The one owner of tfjs and of every loaded network. Requests run one at a time (tfjs state is
 *  global); progress streams out while a download runs. */
import './trusted-types'; // first: the default policy precedes every script sink
import './wasm-files'; // before any backend is selected: it sets where the wasm files are
import * as tf from '@tensorflow/tfjs-core';
import { loadFromFiles, loadFromUrl } from '../model/artifacts';
import type { LoadedArtifacts } from '../model/model-json';
import { cachedVariantBytes, uncacheVariant, variantUrl } from '../model/weight-cache';
import { explainError, isOutOfMemory, memoryInfo, reinitBackend, selectBackend, watchDeviceLoss, type BackendChoice } from '../model/backend';
import { kernelParity } from '../model/kernels/parity';
import { DEFAULT_KERNELS, type KernelSetting } from '../model/kernels/mode';
import { classifierFromArtifacts, randomClassifier, type Classifier } from '../model/classifier';
import { ModelCache, type LoadedNetwork } from './network-cache';
import { describeModel, modelIdOf, type DebugAction, type ModelSpec, type RequestLogEntry, type WorkerRequest, type WorkerResponse } from './protocol';
import { SharedDownloads } from './shared-downloads';
import { classifyBatch } from './batch-classify';
import { classifyImage, runSeries, type RequestContext } from './classify-image';
import { ImageSlot, isImageRequest } from './image-slot';

declare const self: DedicatedWorkerGlobalScope;

const models = new ModelCache();
/** When each model's model.json was last checked against the server; checked again after a minute. */
const checkedAt = new Map<string, number>();
const RECHECK_MS = 60_000;
/** Weight downloads by model: a classify joins its model's prefetch rather than fetching twice;
 *  a timed series waits for those in flight. */
const downloads = new SharedDownloads<LoadedArtifacts>((id, modelId, loaded, total, phase) => post({ type: 'progress', id, modelId, phase, loaded, total }));
/** The requests handled, with worker-clock times, so a test can check from the worker's side that
 *  nothing ran beside a timed series. Bounded; posted as they are (the message's clone is the copy). */
const log: RequestLogEntry[] = [];
const MAX_LOG_ENTRIES = 500;
const images = new ImageSlot();
let backendReady: Promise<unknown> | null = null;
/** Set when the WebGPU device is lost; the next request re-initialises before it runs. */
let lostDevice: string | null = null;
/** Fault drill: the next network build fails like an allocation failure. */
let failNextBuild = false;
/** The kernel setting of the init request, for every network built here. */
let kernels: KernelSetting = DEFAULT_KERNELS;

const post = (msg: WorkerResponse) => self.postMessage(msg);
/** The worker's side of request `id` for its handlers. */
const contextFor = (id: number): RequestContext => ({
  id,
  ensure: (spec) => ensureModel(id, spec),
  image: images.current,
  post,
});

async function artifactsFor(id: number, spec: ModelSpec, modelId: string): Promise<LoadedArtifacts> {
  if (spec.kind === 'custom') return loadFromFiles(spec.files);
  if (spec.kind !== 'official') throw new Error('not a converted model');
  const url = variantUrl(spec.source, spec.variant);
  // A model this worker has just checked against the server (its prefetch, say) loads from the
  // cache without asking for model.json again: every file of it is fetched once.
  const revalidate = performance.now() - (checkedAt.get(modelId) ?? -Infinity) >= RECHECK_MS;
  const a = await downloads.fetch(id, modelId, (signal, progress) => loadFromUrl(url, progress, signal, { revalidate }));
  if (revalidate) checkedAt.set(modelId, performance.now());
  return a;
}

async function ensureModel(id: number, spec: ModelSpec): Promise<LoadedNetwork> {
  const modelId = modelIdOf(spec);
  const have = models.get(modelId);
  if (have) return have;
  if (failNextBuild) {
    failNextBuild = false;
    throw new RangeError('Array buffer allocation failed (simulated by the oom-next debug hook)');
  }
  // Random weights are built here: nothing to download.
  const artifacts = spec.kind === 'random' ? null : await artifactsFor(id, spec, modelId);
  const bytes = artifacts?.weightData.byteLength ?? 0;
  post({ type: 'progress', id, modelId, phase: 'build', loaded: bytes, total: artifacts ? bytes : 1 });
  const classifier =
    spec.kind === 'random'
      ? randomClassifier(spec.scaling, spec.seed, { kernels })
      : classifierFromArtifacts(artifacts!, spec.kind === 'official' ? spec.variant : undefined, { kernels });
  // Compile every pipeline now (in parallel where the backend can), so the first user-visible
  // inference is close to a steady one.
  post({ type: 'progress', id, modelId, phase: 'compile', loaded: 0, total: 1 });
  await classifier.warmUp();
  noteKernels(classifier);
  const loaded = models.add(modelId, classifier);
  post({ type: 'ready', id, synthetic: classifier.synthetic, precision: classifier.precision, fromCache: artifacts?.fromCache ?? false, bytes });
  return loaded;
}

/** The status line says when the kernels were tuned to this adapter (auto mode). */
function noteKernels(c: Classifier) {
  const k = c.kernels;
  if (!k || k.mode !== 'auto' || (!k.tuneMs && !k.cached) || !announced || announced.reason.includes('kernels tuned for')) return;
  announced = { ...announced, reason: `${announced.reason} · kernels tuned for ${k.adapter}` };
  post({ type: 'backend', id: 0, ...announced });
}

/** The backend as last announced, so the kernel tuner's note can extend its reason. */
let announced: BackendChoice | null = null;

function adopt(choice: BackendChoice) {
  announced = choice;
  watchDeviceLoss((reason) => {
    lostDevice = reason;
    post({ type: 'backend', id: 0, ...choice, reason: `WebGPU device lost (${reason}); re-initialising on the next request` });
  });
}

/** After a lost device: a fresh backend, and every network rebuilt on demand (weights come
 *  back from the cache). */
async function recover() {
  const reason = lostDevice;
  lostDevice = null;
  models.clear();
  const choice = await reinitBackend('webgpu');
  adopt(choice);
  post({ type: 'backend', id: 0, ...choice, reason: `${choice.reason} — re-initialised after the device was lost (${reason})` });
}

const DEBUG: Record<DebugAction, () => void> = {
  crash: () =>
    setTimeout(() => {
      throw new Error('simulated worker crash (debug hook)');
    }),
  'oom-next': () => (failNextBuild = true),
  'lose-device': () => (tf.backend() as unknown as { device?: GPUDevice }).device?.destroy(),
};

/** Request `req`'s answer, or nothing where the handler posts its own (or none). */
async function handle(req: WorkerRequest, entry: RequestLogEntry): Promise<WorkerResponse | void> {
  if (isImageRequest(req)) return images.handle(req);
  switch (req.type) {
    case 'init': {
      kernels = { mode: req.kernels ?? 'auto', asked: req.kernels !== undefined };
      const choice = await selectBackend(req.backend);
      adopt(choice);
      return { type: 'backend', id: req.id, ...choice };
    }
    case 'classify':
      return classifyImage(req, contextFor(req.id));
    case 'measure': {
      const settle = async () => void (await Promise.allSettled(downloads.pending()));
      const onTimed = (start: number, end: number) => (entry.timed = { start, end });
      return models.whilePinned(req.models.map(modelIdOf), () => runSeries(req, { ...contextFor(req.id), settle, onTimed }));
    }
    case 'classifyBatch':
      return models.whilePinned(req.models.map(modelIdOf), () => classifyBatch(req, contextFor(req.id)));
    case 'prefetch': {
      const a = await artifactsFor(req.id, req.model, modelIdOf(req.model));
      return { type: 'prefetched', id: req.id, bytes: a.weightData.byteLength, fromCache: a.fromCache, stored: a.fromCache || a.stored === true };
    }
    case 'cacheState':
      return { type: 'cacheState', id: req.id, bytes: await Promise.all(req.variants.map((k) => cachedVariantBytes(req.baseUrl, k))) };
    case 'uncache':
      await uncacheVariant(req.baseUrl, req.variant);
      return { type: 'uncached', id: req.id };
    case 'log':
      return { type: 'log', id: req.id, entries: log };
    case 'memory':
      return { type: 'memory', id: req.id, memory: memoryInfo() };
    case 'exportOnnx': {
      const { classifier: c } = await ensureModel(req.id, req.model);
      const { bytes, nodes } = await c.exportOnnx();
      const { onnxFileName } = await import('../model/onnx-export');
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      self.postMessage({ type: 'onnx', id: req.id, fileName: onnxFileName(c.config), bytes: buffer, nodes } satisfies WorkerResponse, [buffer]);
      return;
    }
    case 'cancel':
      downloads.cancel(req.target);
      return;
    case 'kernelParity':
      return { type: 'kernelParity', id: req.id, report: await kernelParity(req.job) };
    case 'debug':
      DEBUG[req.action]();
      return { type: 'debugDone', id: req.id };
  }
}

/** The networks a request runs, or its type (for the log and error messages). */
function describe(req: WorkerRequest): string {
  if ('models' in req) return req.models.map(describeModel).join(', ');
  return 'model' in req ? describeModel(req.model) : req.type;
}

/** Beside the queue: cancel (to stop a running download), debug, the log, and prefetch, which
 *  only downloads into the cache and so need not wait for inference. */
const BESIDE_QUEUE: ReadonlySet<WorkerRequest['type']> = new Set(['cancel', 'debug', 'log', 'prefetch', 'cacheState', 'uncache']);

let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  images.arrived(req);
  const run = async () => {
    const entry: RequestLogEntry = { id: req.id, type: req.type, what: describe(req), start: performance.now(), end: null };
    log.push(entry);
    if (log.length > MAX_LOG_ENTRIES) log.shift();
    try {
      if (!BESIDE_QUEUE.has(req.type) && req.type !== 'init') {
        await (backendReady ??= selectBackend().then(adopt));
        if (lostDevice) await recover();
      }
      if (req.type === 'init') backendReady = Promise.resolve();
      const answer = await handle(req, entry);
      if (answer) post(answer);
    } catch (e) {
      // A lost device or exhausted memory: free every network; smaller ones rebuild on demand.
      if (lostDevice || isOutOfMemory(e)) models.clear();
      post({ type: 'error', id: req.id, message: explainError(e, describe(req)) });
    } finally {
      images.finished(req.id);
      entry.end = performance.now();
    }
  };
  if (BESIDE_QUEUE.has(req.type)) void run();
  else queue = queue.then(run);
};

/// <reference lib="webworker" />
/** The one owner of tfjs and of every loaded network. Requests run one at a time (tfjs state is
 *  global); progress streams out while a download runs. */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { loadFromFiles, loadFromUrl, type LoadedArtifacts } from '../model/artifacts';
import { configureWasm, explainError, isOutOfMemory, memoryInfo, reinitBackend, selectBackend, watchDeviceLoss, type BackendChoice } from '../model/backend';
import { kernelParity } from '../model/kernels/parity';
import { setKernelMode } from '../model/kernels/mode';
import { normaliseCam, type CamMap } from '../model/cam';
import { classifierFromArtifacts, formulaClassifier, scaledClassifier, seededOfficialClassifier, type Classifier } from '../model/classifier';
import { officialCoefficients } from '../scaling';
import { topK } from '../model/labels';
import { imageToInput, testPattern } from '../model/preprocess';
import { LatencyStats } from './latency';
import { modelIdOf, type ModelSpec, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

configureWasm({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** Loaded networks, most recently used last. Few are kept: B7 alone is 265 MB of weights. */
const MAX_MODELS = 3;
const models = new Map<string, Classifier>();
const latency = new Map<string, LatencyStats>();
const downloads = new Map<number, AbortController>();
let image: { bitmap: ImageBitmap; name: string } | null = null;
let backendReady: Promise<unknown> | null = null;
/** Set when the WebGPU device is lost; the next request re-initialises before it runs. */
let lostDevice: string | null = null;
/** Fault drill: the next network build fails like an allocation failure. */
let failNextBuild = false;

const post = (msg: WorkerResponse) => self.postMessage(msg);

function remember(modelId: string, c: Classifier) {
  models.set(modelId, c);
  while (models.size > MAX_MODELS) {
    const [oldest, old] = models.entries().next().value as [string, Classifier];
    old.dispose();
    models.delete(oldest);
    latency.delete(oldest);
  }
}

async function artifactsFor(id: number, spec: ModelSpec, modelId: string): Promise<LoadedArtifacts> {
  if (spec.kind === 'custom') return loadFromFiles(spec.files);
  if (spec.kind !== 'official') throw new Error('not a converted model');
  const abort = new AbortController();
  downloads.set(id, abort);
  try {
    return await loadFromUrl(
      `${spec.baseUrl.replace(/\/?$/, '/')}B${spec.variant}/`,
      (loaded, total, phase) => post({ type: 'progress', id, modelId, phase, loaded, total }),
      abort.signal,
    );
  } finally {
    downloads.delete(id);
  }
}

async function ensureModel(id: number, spec: ModelSpec): Promise<Classifier> {
  const modelId = modelIdOf(spec);
  const have = models.get(modelId);
  if (have) {
    models.delete(modelId); // re-insert as most recent
    models.set(modelId, have);
    return have;
  }
  const t0 = performance.now();
  if (failNextBuild) {
    failNextBuild = false;
    throw new RangeError('Array buffer allocation failed (simulated by the oom-next debug hook)');
  }
  let classifier: Classifier;
  let fromCache = false;
  let bytes = 0;
  if (spec.kind === 'formula') {
    post({ type: 'progress', id, modelId, phase: 'build', loaded: 0, total: 1 });
    classifier = formulaClassifier(spec.phi, spec.seed, spec.resolution);
  } else if (spec.kind === 'scaled') {
    post({ type: 'progress', id, modelId, phase: 'build', loaded: 0, total: 1 });
    const { name, width, depth, resolution, seed } = spec;
    classifier = scaledClassifier({ ...officialCoefficients(0), name, width, depth, resolution, official: false }, seed);
  } else if (spec.kind === 'seeded') {
    post({ type: 'progress', id, modelId, phase: 'build', loaded: 0, total: 1 });
    classifier = seededOfficialClassifier(spec.variant, spec.seed);
  } else {
    const artifacts = await artifactsFor(id, spec, modelId);
    fromCache = artifacts.fromCache;
    bytes = artifacts.bytes;
    post({ type: 'progress', id, modelId, phase: 'build', loaded: bytes, total: bytes });
    classifier = classifierFromArtifacts(artifacts, spec.kind === 'official' ? spec.variant : undefined);
  }
  // Compile every pipeline now (in parallel where the backend can), so the first user-visible
  // inference is close to a steady one.
  post({ type: 'progress', id, modelId, phase: 'compile', loaded: 0, total: 1 });
  await classifier.warmUp();
  noteKernels(classifier);
  remember(modelId, classifier);
  latency.set(modelId, new LatencyStats());
  post({ type: 'ready', id, modelId, synthetic: classifier.synthetic, fromCache, loadMs: performance.now() - t0, bytes });
  return classifier;
}

/** The status line says when the kernels were tuned to this adapter (auto mode). */
function noteKernels(c: Classifier) {
  const k = c.kernels;
  if (!k || k.mode !== 'auto' || !announced || announced.reason.includes('kernels tuned for')) return;
  announced = { ...announced, reason: `${announced.reason} · kernels tuned for ${k.adapter}` };
  post({ type: 'backend', id: 0, ...announced });
}

async function classify(id: number, spec: ModelSpec, runs: number, withCam: boolean) {
  const classifier = await ensureModel(id, spec);
  const modelId = modelIdOf(spec);
  const size = classifier.config.resolution;
  const input = image ? imageToInput(image.bitmap, size) : testPattern(size);
  const stats = latency.get(modelId) ?? new LatencyStats();
  latency.set(modelId, stats);
  let probs: Float32Array | null = null;
  let cam: CamMap | undefined;
  let wasFirst = false;
  for (let i = 0; i < Math.max(1, runs); i++) {
    if (!stats.hasFirst) post({ type: 'progress', id, modelId, phase: 'compile', loaded: 0, total: 1 });
    else post({ type: 'progress', id, modelId, phase: 'run', loaded: i, total: runs });
    const t0 = performance.now();
    // The map comes out of the same pass as the prediction (a few dozen floats more to read).
    if (withCam) ({ probs, cam } = await classifier.probabilitiesWithCam(input));
    else probs = await classifier.probabilities(input);
    wasFirst = stats.record(performance.now() - t0);
  }
  post({
    type: 'result',
    id,
    modelId,
    resolution: size,
    imageName: image?.name ?? null,
    top5: topK(probs as Float32Array, 5),
    latency: { ...stats.summary(), wasFirst: runs <= 1 && wasFirst },
    synthetic: classifier.synthetic,
    memory: memoryInfo(),
    cam: cam && normaliseCam(cam),
  });
}

function dropAllModels() {
  for (const m of models.values()) {
    try {
      m.dispose();
    } catch {
      // tensors of a lost device may refuse to dispose; they are unreachable either way
    }
  }
  models.clear();
  latency.clear();
}

/** The backend as last announced, so the kernel tuner's note can extend its reason. */
let announced: BackendChoice | null = null;

function adopt(choice: BackendChoice) {
  announced = choice;
  watchDeviceLoss((reason) => {
    lostDevice = reason;
    post({ type: 'backend', id: 0, backend: choice.backend, reason: `WebGPU device lost (${reason}); re-initialising on the next request`, adapter: choice.adapter });
  });
}

/** After a lost device: a fresh backend, and every network rebuilt on demand (weights come
 *  back from the cache). */
async function recover() {
  const reason = lostDevice;
  lostDevice = null;
  dropAllModels();
  const choice = await reinitBackend('webgpu');
  adopt(choice);
  post({ type: 'backend', id: 0, ...choice, reason: `${choice.reason} — re-initialised after the device was lost (${reason})` });
}

function debug(action: string) {
  if (action === 'crash') {
    setTimeout(() => {
      throw new Error('simulated worker crash (debug hook)');
    });
  } else if (action === 'oom-next') {
    failNextBuild = true;
  } else if (action === 'lose-device') {
    (tf.backend() as unknown as { device?: GPUDevice }).device?.destroy();
  }
}

async function handle(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case 'init': {
      setKernelMode(req.kernels ?? 'auto');
      const choice = await selectBackend(req.backend);
      adopt(choice);
      post({ type: 'backend', id: req.id, ...choice });
      return;
    }
    case 'setImage':
      image?.bitmap.close();
      image = { bitmap: req.image, name: req.name };
      post({ type: 'imageSet', id: req.id, width: req.image.width, height: req.image.height });
      return;
    case 'classify':
      await classify(req.id, req.model, req.runs ?? 1, req.cam ?? false);
      return;
    case 'memory':
      post({ type: 'memory', id: req.id, memory: memoryInfo() });
      return;
    case 'exportOnnx': {
      const c = await ensureModel(req.id, req.model);
      const { bytes, opCounts } = await c.exportOnnx();
      const { onnxFileName } = await import('../model/onnx-export');
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      self.postMessage({ type: 'onnx', id: req.id, fileName: onnxFileName(c.config), bytes: buffer, opCounts } satisfies WorkerResponse, [buffer]);
      return;
    }
    case 'cancel':
      downloads.get(req.target)?.abort();
      return;
    case 'kernelParity':
      post({ type: 'kernelParity', id: req.id, report: await kernelParity(req.job) });
      return;
    case 'debug':
      debug(req.action);
      post({ type: 'debugDone', id: req.id });
      return;
  }
}

function describe(req: WorkerRequest): string {
  if (req.type !== 'classify' && req.type !== 'exportOnnx') return req.type;
  const m = req.model;
  return m.kind === 'official' || m.kind === 'seeded' ? `B${m.variant}` : m.kind === 'formula' ? `the formula network at φ ${m.phi}` : m.kind === 'scaled' ? `the network “${m.name}”` : m.name;
}

// One request at a time; cancel bypasses the queue so it can stop a running download.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  const run = async () => {
    try {
      if (req.type !== 'init' && req.type !== 'cancel' && req.type !== 'debug') {
        await (backendReady ??= selectBackend().then(adopt));
        if (lostDevice) await recover();
      }
      if (req.type === 'init') backendReady = Promise.resolve();
      await handle(req);
    } catch (e) {
      // A lost device or exhausted memory: free every network; smaller ones rebuild on demand.
      if (lostDevice || isOutOfMemory(e)) dropAllModels();
      post({ type: 'error', id: req.id, message: explainError(e, describe(req)) });
    }
  };
  if (req.type === 'cancel' || req.type === 'debug') void run();
  else queue = queue.then(run);
};

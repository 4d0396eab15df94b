/// <reference lib="webworker" />
/** One benchmark worker per backend: `init` selects exactly that backend (a fallback would be a
 *  wrong measurement, so it is an error), then matmul/variant requests run one at a time. */
import './trusted-types'; // first: the default policy precedes every script sink
import './wasm-files'; // before any backend is selected: it sets where the wasm files are
import * as tf from '@tensorflow/tfjs-core';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortWebGpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { loadFromUrl } from '../model/artifacts';
import { variantUrl } from '../model/weight-cache';
import { selectBackend, type BackendChoice } from '../model/backend';
import { benchMatmul, benchVariant } from '../model/bench';
import { configureOrtWasm } from '../model/ort-runner';
import { DEFAULT_KERNELS, type KernelSetting } from '../model/kernels/mode';
import { RANDOM_WEIGHTS_BASE } from '../model/pinned-sources';
import { DEFAULT_SYNTHETIC_SEED } from '../model/synthetic-init';
import { GRAPH_BACKENDS, type BenchRequest, type BenchResponse, type VariantJob } from './bench-protocol';
import { planBatch } from '../model/batch-plan';
import { officialNetwork } from '../scaling';

declare const self: DedicatedWorkerGlobalScope;

// ORT-web's .wasm files, bundled and served from the app's origin (never a CDN).
configureOrtWasm({ wasm: ortWasm, webgpu: ortWebGpuWasm });

const post = (msg: BenchResponse) => self.postMessage(msg);
/** The backend `init` started (wasm: with its thread count). */
let backend: BackendChoice | null = null;
let kernels: KernelSetting = DEFAULT_KERNELS;

async function runVariant(id: number, { baseUrl, ...job }: VariantJob, { backend, threads }: BackendChoice): Promise<BenchResponse> {
  const url = variantUrl(baseUrl, job.variant);
  const noProgress = () => undefined;
  // The network load is timed with loadFromUrl's `network` option, never by clearing the cache:
  // the bench deletes no weights it did not download itself (a page of other cached models, or
  // a user's offline copy, stays).
  const result = await benchVariant({
    ...job,
    backend,
    threads,
    graph: GRAPH_BACKENDS.includes(backend),
    ort: true,
    // The batch Evaluate would choose here for a long run (images/s at it, beside batch 1).
    evalBatch: planBatch({ config: officialNetwork(job.variant), backend, images: Infinity }).batch,
    // Random-weights mode: nothing to download; the network is built with the lab's seed.
    seed: baseUrl === RANDOM_WEIGHTS_BASE ? DEFAULT_SYNTHETIC_SEED : undefined,
    network: { kernels },
    loadNetwork: async () => {
      const a = await loadFromUrl(url, noProgress, undefined, { network: true });
      if (a.fromCache) throw new Error(`B${job.variant} came from the cache in a network load`);
      return a;
    },
    loadCache: () => loadFromUrl(url, noProgress),
    onStage: (stage) => post({ type: 'progress', id, stage }),
  });
  return { type: 'result', id, result };
}

async function handle(req: BenchRequest): Promise<BenchResponse> {
  if (req.type === 'init') {
    for (const [flag, value] of Object.entries(req.flags ?? {})) tf.env().set(flag, value);
    kernels = { mode: req.kernels ?? 'auto', asked: true };
    const choice = await selectBackend(req.backend, req.threads); // wasm's pool is sized as it starts
    if (choice.backend !== req.backend) throw new Error(`${req.backend} is unavailable here (${choice.reason})`);
    backend = choice;
    return { type: 'ready', id: req.id, backend: choice.backend, adapter: choice.adapter, tfjs: tf.version_core, numTensors: tf.memory().numTensors };
  }
  if (!backend) throw new Error('bench worker: init first');
  if (req.type === 'variant') return runVariant(req.id, req.job, backend);
  post({ type: 'progress', id: req.id, stage: `${req.size}² matMul` });
  return { type: 'matmul', id: req.id, ...(await benchMatmul(req.size, req.runs)) };
}

let queue: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<BenchRequest>) => {
  const req = ev.data;
  queue = queue.then(async () => {
    try {
      post(await handle(req));
    } catch (e) {
      post({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) });
    }
  });
};

/** Main-thread sides of the workers' protocols: the one typed RPC client (rpc-client.ts) on each.
 *  Never imports tfjs. */
import type { BenchRequest, BenchResponse } from './bench-protocol';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { RpcClient } from './rpc-client';

/** The inference worker's, restarted when the worker crashes, with the worker's `cancel` request. */
export const inferenceClient = (spawn = () => new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' })) =>
  new RpcClient<WorkerRequest, WorkerResponse>(spawn, { name: 'inference', restart: true, cancelRequest: (target) => ({ type: 'cancel', target }) });
export type InferenceClient = ReturnType<typeof inferenceClient>;

/** A bench worker's. It is not restarted after a crash: its backend's run ends with the error. */
export const benchClient = (spawn = () => new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' })) =>
  new RpcClient<BenchRequest, BenchResponse>(spawn, { name: 'bench', restart: false });

/** Main-thread side of a bench worker's protocol: the one typed RPC client (rpc-client.ts) on it.
 *  A bench worker is not restarted after a crash: its backend's run ends with the error. */
import type { BenchRequest, BenchResponse } from './bench-protocol';
import { RpcClient } from './rpc-client';

export const benchClient = (spawn = () => new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' })) =>
  new RpcClient<BenchRequest, BenchResponse>(spawn, { name: 'bench', restart: false });

/** Main-thread side of the inference worker's protocol: the one typed RPC client (rpc-client.ts)
 *  on that protocol, restarted when the worker crashes, with the worker's `cancel` request.
 *  Never imports tfjs. */
import type { WorkerRequest, WorkerResponse } from './protocol';
import { RpcClient } from './rpc-client';

export class InferenceClient extends RpcClient<WorkerRequest, WorkerResponse> {
  constructor(factory = () => new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' })) {
    super(factory, { name: 'inference', restart: true, cancelRequest: (target) => ({ type: 'cancel', target }) });
  }
}

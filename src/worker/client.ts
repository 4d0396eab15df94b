/** Main-thread side of the worker protocol: request ids, promises for final answers, a progress
 *  callback, and a restart when the worker crashes (pending requests get an error, not silence).
 *  Never imports tfjs. */
import type { WorkerRequest, WorkerResponse } from './protocol';

type Final = Exclude<WorkerResponse, { type: 'progress' }>;
type Progress = Extract<WorkerResponse, { type: 'progress' }>;
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (r: Final) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
  /** A `load`/`classify` also emits `ready` before its final answer. */
  until: Final['type'][];
  onReady?: (r: Extract<WorkerResponse, { type: 'ready' }>) => void;
}

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () => new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });

export class InferenceClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Called after a crash restart so the owner can re-send init and the image. */
  onRestart: ((reason: string) => void) | null = null;
  /** Messages nobody asked for (id 0), e.g. a backend re-initialised after a lost device. */
  onUnsolicited: ((msg: WorkerResponse) => void) | null = null;

  constructor(private readonly factory: WorkerFactory = defaultWorkerFactory) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.route(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.crash(`The inference worker crashed${ev.message ? `: ${ev.message}` : ''}`);
    };
    return w;
  }

  private crash(reason: string) {
    this.worker.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error(`${reason}; it was restarted, try again`));
    this.worker = this.spawn();
    this.onRestart?.(reason);
  }

  private route(msg: WorkerResponse) {
    if (msg.id === 0) return this.onUnsolicited?.(msg);
    const p = this.pending.get(msg.id);
    if (!p) return; // an answer nobody waits for (cancelled): dropped
    if (msg.type === 'progress') return p.onProgress?.(msg);
    if (msg.type === 'ready' && p.onReady) p.onReady(msg);
    if (msg.type === 'error') {
      this.pending.delete(msg.id);
      return p.reject(new Error(msg.message));
    }
    if (p.until.includes(msg.type)) {
      this.pending.delete(msg.id);
      p.resolve(msg);
    }
  }

  /** Sends a request; resolves with its final answer. */
  send<T extends Final['type']>(
    body: RequestBody,
    until: T[],
    hooks: { onProgress?: (p: Progress) => void; onReady?: Pending['onReady']; transfer?: Transferable[] } = {},
  ): { id: number; done: Promise<Extract<Final, { type: T }>> } {
    const id = this.nextId++;
    const done = new Promise<Extract<Final, { type: T }>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (r: Final) => void,
        reject,
        until,
        onProgress: hooks.onProgress,
        onReady: hooks.onReady,
      });
    });
    this.worker.postMessage({ ...body, id }, hooks.transfer ?? []);
    return { id, done };
  }

  /** Aborts a download and forgets the request: its answer, if any, is dropped. */
  cancel(target: number) {
    const p = this.pending.get(target);
    this.pending.delete(target);
    p?.reject(new Error('cancelled'));
    this.worker.postMessage({ type: 'cancel', id: this.nextId++, target } satisfies WorkerRequest);
  }

  terminate() {
    this.worker.terminate();
  }
}

/** Main-thread side of every worker's typed request/answer protocol (inference, bench): a promise
 *  per request id for its final answer (`progress` answers are interim, `error` rejects), cancel,
 *  and a crash that rejects every pending request (and, where asked, starts a fresh worker).
 *  Never imports tfjs. */

interface Message {
  type: string;
  id: number;
}

/** A request without its id (the client numbers them). */
export type BodyOf<Req> = Req extends { id: number } ? Omit<Req, 'id'> : never;
type ProgressOf<Res> = Extract<Res, { type: 'progress' }>;
/** Every answer that can end a request (all but progress). */
export type FinalOf<Res> = Exclude<Res, { type: 'progress' }>;

export interface RpcHooks<Res> {
  onProgress?: (p: ProgressOf<Res>) => void;
  /** Every non-progress answer to this request, before it resolves (e.g. `ready` ahead of `result`). */
  onAnswer?: (msg: FinalOf<Res>) => void;
  transfer?: Transferable[];
}

interface Pending<Res> extends RpcHooks<Res> {
  resolve: (r: FinalOf<Res>) => void;
  reject: (e: Error) => void;
  until: string[];
}

export interface RpcOptions<Req> {
  /** Named in the crash message ("The inference worker crashed"). */
  name: string;
  /** Start a fresh worker after a crash (the inference worker); else the client is spent. */
  restart: boolean;
  /** The protocol's request that aborts request `target` in the worker, where it has one. */
  cancelRequest?: (target: number) => BodyOf<Req>;
}

export class RpcClient<Req extends Message, Res extends Message> {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending<Res>>();
  /** Called after a crash restart so the owner can set the new worker up again. */
  onRestart: ((reason: string) => void) | null = null;
  /** Messages nobody asked for (id 0), e.g. a backend re-initialised after a lost device. */
  onUnsolicited: ((msg: Res) => void) | null = null;

  constructor(
    private readonly factory: () => Worker,
    private readonly options: RpcOptions<Req>,
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<Res>) => this.route(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.crash(`The ${this.options.name} worker crashed${ev.message ? `: ${ev.message}` : ''}`);
    };
    return w;
  }

  private rejectAll(reason: string) {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error(reason));
  }

  /** Why a worker that is not restarted is gone: later requests reject with it instead of waiting forever. */
  private spent: string | null = null;

  private crash(reason: string) {
    this.worker.terminate();
    if (!this.options.restart) {
      this.spent = reason;
      return this.rejectAll(reason);
    }
    this.rejectAll(`${reason}; it was restarted, try again`);
    this.worker = this.spawn();
    this.onRestart?.(reason);
  }

  private route(msg: Res) {
    if (msg.id === 0) return this.onUnsolicited?.(msg);
    const p = this.pending.get(msg.id);
    if (!p) return; // an answer nobody waits for (cancelled): dropped
    if (msg.type === 'progress') return p.onProgress?.(msg as ProgressOf<Res>);
    if (msg.type === 'error') {
      this.pending.delete(msg.id);
      return p.reject(new Error((msg as Message & { message?: string }).message));
    }
    p.onAnswer?.(msg as FinalOf<Res>);
    if (p.until.includes(msg.type)) {
      this.pending.delete(msg.id);
      p.resolve(msg as FinalOf<Res>);
    }
  }

  /** Sends a request; `done` resolves with its first answer whose type is in `until`. */
  send<T extends FinalOf<Res>['type']>(
    body: BodyOf<Req>,
    until: T[],
    hooks: RpcHooks<Res> = {},
  ): { id: number; done: Promise<Extract<FinalOf<Res>, { type: T }>> } {
    const id = this.nextId++;
    if (this.spent !== null) return { id, done: Promise.reject(new Error(this.spent)) };
    const done = new Promise<Extract<FinalOf<Res>, { type: T }>>((resolve, reject) => {
      this.pending.set(id, { ...hooks, resolve: resolve as (r: FinalOf<Res>) => void, reject, until });
    });
    this.worker.postMessage({ ...body, id }, hooks.transfer ?? []);
    return { id, done };
  }

  /** Forgets request `target` (its answer, if any, is dropped) and asks the worker to abort it. */
  cancel(target: number) {
    const p = this.pending.get(target);
    this.pending.delete(target);
    p?.reject(new Error('cancelled'));
    if (this.options.cancelRequest) this.worker.postMessage({ ...this.options.cancelRequest(target), id: this.nextId++ });
  }

  terminate() {
    this.spent = 'terminated';
    this.rejectAll('terminated');
    this.worker.terminate();
  }
}

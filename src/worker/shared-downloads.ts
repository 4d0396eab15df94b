/** The worker's weight downloads, one per model: a request for a model whose download is running
 *  (a neighbour prefetch, typically) joins it, with progress, instead of fetching it twice. A
 *  request can be cancelled on its own; the download stops when no request waits on it. */
import type { ProgressFn } from '../model/model-json';

type Report = (requestId: number, key: string, ...progress: Parameters<ProgressFn>) => void;

interface Flight<T> {
  done: Promise<T>;
  abort: AbortController;
  /** Each waiting request's way out when it alone is cancelled. */
  waiters: Map<number, (e: Error) => void>;
}

export class SharedDownloads<T> {
  private readonly flights = new Map<string, Flight<T>>();
  /** Aborted downloads still winding down, by key: an aborted weight download deletes what it had
   *  cached, so a new one of the same model starts only after that, never beside it. */
  private readonly settling = new Map<string, Promise<unknown>>();

  constructor(private readonly report: Report) {}

  /** T for `key`: the running download's result, or a new one started with `start`. */
  async fetch(requestId: number, key: string, start: (signal: AbortSignal, progress: ProgressFn) => Promise<T>): Promise<T> {
    let flight = this.flights.get(key);
    if (!flight) {
      const waiters = new Map<number, (e: Error) => void>();
      const abort = new AbortController();
      const f: Flight<T> = { abort, waiters, done: Promise.resolve(null as T) };
      const begin = () => start(abort.signal, (...p) => waiters.forEach((_, id) => this.report(id, key, ...p)));
      const before = this.settling.get(key);
      f.done = (before ? before.then(begin) : begin()).finally(() => {
        if (this.flights.get(key) === f) this.flights.delete(key);
      });
      f.done.catch(() => undefined); // its waiters hear of a failure; one nobody waits for is no error
      this.flights.set(key, (flight = f));
    }
    const joined = flight;
    try {
      return await new Promise<T>((resolve, reject) => {
        joined.waiters.set(requestId, reject);
        joined.done.then(resolve, reject);
      });
    } finally {
      joined.waiters.delete(requestId);
    }
  }

  /** Request `requestId` stops waiting (its fetch rejects); the download is aborted when it was
   *  the last one waiting. */
  cancel(requestId: number): void {
    const [key, flight] = [...this.flights].find(([, f]) => f.waiters.has(requestId)) ?? [];
    const leave = flight?.waiters.get(requestId);
    if (!flight || !leave || key === undefined) return;
    flight.waiters.delete(requestId);
    leave(new Error(`Download aborted: ${key}`));
    if (flight.waiters.size) return;
    this.flights.delete(key); // a later request starts afresh rather than joining an aborted one
    flight.abort.abort();
    const settled: Promise<unknown> = flight.done.catch(() => undefined).finally(() => this.settling.get(key) === settled && this.settling.delete(key));
    this.settling.set(key, settled);
  }

  /** Every download in flight (a timed series waits for them to settle). */
  pending(): Promise<unknown>[] {
    return [...this.flights.values()].map((f) => f.done);
  }
}

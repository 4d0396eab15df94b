/** The inference worker's own record of the requests it handled, with worker-clock times, so a
 *  test can check from the worker's side that nothing ran beside a timed series. Bounded. */
import type { RequestLogEntry, WorkerRequest } from './protocol';

const MAX_ENTRIES = 500;

export class RequestLog {
  /** Posted as they are: the message's structured clone is the copy. */
  readonly entries: RequestLogEntry[] = [];

  begin(req: WorkerRequest, what: string): RequestLogEntry {
    const e: RequestLogEntry = { id: req.id, type: req.type, what, start: performance.now(), end: null };
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return e;
  }
}

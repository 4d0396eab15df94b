/** Coalesces inference requests while φ is dragged: at most one runs and one waits (a newer one
 *  replaces it); only the latest request's result is delivered, so a stale one is never shown. */

export interface CoalescerHooks<Req, Res> {
  run: (req: Req, seq: number) => Promise<Res>;
  /** Called only for the newest submitted request. */
  onResult: (res: Res, req: Req) => void;
  onError: (err: Error, req: Req) => void;
  /** Called when a request is replaced before it ran, or finished after a newer one came. */
  onDropped?: (req: Req, why: 'replaced' | 'stale') => void;
}

export class Coalescer<Req, Res> {
  private seq = 0;
  private running: { req: Req; seq: number } | null = null;
  private waiting: { req: Req; seq: number } | null = null;

  constructor(private readonly hooks: CoalescerHooks<Req, Res>) {}

  get busy(): boolean {
    return this.running !== null;
  }

  get queued(): number {
    return (this.running ? 1 : 0) + (this.waiting ? 1 : 0);
  }

  submit(req: Req): number {
    const item = { req, seq: ++this.seq };
    if (this.running) {
      if (this.waiting) this.hooks.onDropped?.(this.waiting.req, 'replaced');
      this.waiting = item;
    } else {
      void this.start(item);
    }
    return item.seq;
  }

  /** Forgets the waiting request and marks the running one stale. */
  clear(): void {
    if (this.waiting) this.hooks.onDropped?.(this.waiting.req, 'replaced');
    this.waiting = null;
    this.seq++;
  }

  private async start(item: { req: Req; seq: number }): Promise<void> {
    this.running = item;
    try {
      const res = await this.hooks.run(item.req, item.seq);
      if (item.seq === this.seq) this.hooks.onResult(res, item.req);
      else this.hooks.onDropped?.(item.req, 'stale');
    } catch (e) {
      if (item.seq === this.seq) this.hooks.onError(e instanceof Error ? e : new Error(String(e)), item.req);
      else this.hooks.onDropped?.(item.req, 'stale');
    } finally {
      this.running = null;
      const next = this.waiting;
      this.waiting = null;
      if (next) void this.start(next);
    }
  }
}

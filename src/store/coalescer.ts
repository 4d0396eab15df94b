/** Coalesces inference requests while φ is dragged: at most one runs and one waits (a newer one
 *  replaces it); only the latest request's result is delivered, so a stale one is never shown. */

export interface CoalescerHooks<Req, Res> {
  run: (req: Req) => Promise<Res>;
  /** Called only for the newest submitted request. */
  onResult: (res: Res) => void;
  onError: (err: Error) => void;
}

export class Coalescer<Req, Res> {
  /** Counts submits and clears: a request whose count is no longer the newest is stale. */
  private seq = 0;
  private running = false;
  private waiting: { req: Req } | null = null;

  constructor(private readonly hooks: CoalescerHooks<Req, Res>) {}

  submit(req: Req): void {
    this.seq++;
    if (this.running) this.waiting = { req };
    else void this.start(req);
  }

  /** Forgets the waiting request and marks the running one stale. */
  clear(): void {
    this.waiting = null;
    this.seq++;
  }

  private async start(req: Req): Promise<void> {
    this.running = true;
    const seq = this.seq;
    try {
      const res = await this.hooks.run(req);
      if (seq === this.seq) this.hooks.onResult(res);
    } catch (e) {
      if (seq === this.seq) this.hooks.onError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      this.running = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) void this.start(next.req);
    }
  }
}

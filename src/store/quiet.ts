/** The engine's pause switch: background work goes through `run`, held while a pause is on; `pause`
 *  resolves once the work already started has settled, so a timed series then has the CPU and GPU
 *  to itself. Pauses nest. Pure. */
export class QuietGate {
  private pauses = 0;
  private readonly busy = new Set<Promise<unknown>>();
  private waiters: (() => void)[] = [];

  /** Called when the last pause is released. */
  constructor(private readonly onResume: () => void = () => undefined) {}

  get paused(): boolean {
    return this.pauses > 0;
  }

  /** Runs `work` once no pause is on (checked and started in one step), busy until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    while (this.pauses > 0) await new Promise<void>((r) => this.waiters.push(r));
    return this.track(work());
  }

  /** Counts work started elsewhere as busy until it settles. */
  track<T>(p: Promise<T>): Promise<T> {
    this.busy.add(p);
    const off = () => void this.busy.delete(p);
    p.then(off, off);
    return p;
  }

  /** Holds new work until the returned function (idempotent) releases it. */
  async pause(): Promise<() => void> {
    this.pauses++;
    let released = false;
    const resume = () => {
      if (released) return;
      released = true;
      if (--this.pauses > 0) return;
      for (const w of this.waiters.splice(0)) w();
      this.onResume();
    };
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]); // never rejects
    return resume;
  }
}

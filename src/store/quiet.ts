/** The engine's pause switch. Background work (the lab's runs, image decodes, prefetch) goes
 *  through `run`, which holds it while a pause is on; `pause` resolves once the work already
 *  started has settled, so a timed series that starts then has the CPU and GPU to itself.
 *  Pauses nest: work resumes when the last one is released. Pure, unit-tested. */
export type Resume = () => void;

export class QuietGate {
  private pauses = 0;
  private readonly busy = new Set<Promise<unknown>>();
  private waiters: (() => void)[] = [];

  /** Called when the last pause is released (e.g. to run what was asked for meanwhile). */
  constructor(private readonly onResume: () => void = () => undefined) {}

  get paused(): boolean {
    return this.pauses > 0;
  }

  /** Work in flight now. */
  get active(): number {
    return this.busy.size;
  }

  /** Runs `work` once no pause is on, and counts it as busy until it settles. The check and
   *  the start happen in one step, so no work starts after a pause began. */
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

  /** Holds new work and resolves once the running work has settled; call the returned
   *  function to release (calling it twice releases once). */
  async pause(): Promise<Resume> {
    this.pauses++;
    let released = false;
    const resume = () => {
      if (released) return;
      released = true;
      if (--this.pauses > 0) return;
      for (const w of this.waiters.splice(0)) w();
      this.onResume();
    };
    try {
      while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
    } catch (e) {
      resume();
      throw e;
    }
    return resume;
  }
}

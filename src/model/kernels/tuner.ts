/** Picks the fastest candidate per kernel class within a time budget. Pure (no tfjs): per class a
 *  timer runs its layers on one candidate (rejecting when the candidate fails). Rounds go
 *  candidate-major, so when the budget runs out every class has been timed at least once; more
 *  rounds keep each candidate's fastest (least disturbed) time. A class whose candidates all
 *  failed runs on stock ops; one left untimed keeps the fallback plan's choice. */
import { CANDIDATES, planFor, type ClassTimings, type KernelChoice, type KernelClass } from './plan';

export interface TuneTask {
  cls: KernelClass;
  candidates: readonly KernelChoice[];
  time: (choice: KernelChoice) => Promise<number>;
}

export const MAX_TUNE_ROUNDS = 5;

export async function tune(tasks: TuneTask[], budgetMs: number, now: () => number = () => performance.now()) {
  const timings: Partial<Record<KernelClass, ClassTimings>> = Object.fromEntries(tasks.map((t) => [t.cls, {}]));
  const t0 = now();
  const spent = () => now() - t0;
  const width = Math.max(0, ...tasks.map((t) => t.candidates.length));
  let rounds = 0;
  while (rounds < MAX_TUNE_ROUNDS) {
    const roundStart = now();
    let measured = 0;
    for (let ci = 0; ci < width && spent() < budgetMs; ci++) {
      for (const task of tasks) {
        const choice = task.candidates[ci];
        const seen = timings[task.cls]!;
        if (!choice || seen[choice] === null || spent() >= budgetMs) continue;
        try {
          const ms = await task.time(choice);
          seen[choice] = Math.min(seen[choice] ?? Infinity, ms);
        } catch {
          seen[choice] = null;
        }
        measured++;
      }
    }
    rounds++;
    // Another round only if it fits: a round costs about what the last one did.
    if (!measured || spent() + (now() - roundStart) > budgetMs) break;
  }
  const fallback = planFor('barrier-free');
  const plan = { ...fallback };
  for (const task of tasks) {
    const seen = timings[task.cls]!;
    const timed = task.candidates.filter((c) => typeof seen[c] === 'number');
    if (timed.length) plan[task.cls] = timed.reduce((a, b) => ((seen[b] as number) < (seen[a] as number) ? b : a));
    else if (seen[fallback[task.cls]] === null || task.candidates.every((c) => seen[c] === null)) plan[task.cls] = 'stock';
  }
  return { plan, timings, spentMs: spent(), rounds };
}

/** The tuner as the network runs it: each present class's candidates are compiled first, and one
 *  whose pipelines fail to compile (`compile` rejects) is dropped, never timed; stock, tfjs's own
 *  ops, stays a candidate, so a class still gets a working plan. */
export async function tuneCompiled(
  classes: readonly KernelClass[],
  compile: (cls: KernelClass, choice: KernelChoice) => Promise<void>,
  time: (cls: KernelClass, choice: KernelChoice) => Promise<number>,
  budgetMs: number,
  now?: () => number,
) {
  const tasks: TuneTask[] = [];
  for (const cls of classes) {
    const dropped: KernelChoice[] = [];
    for (const choice of CANDIDATES[cls]) await compile(cls, choice).catch(() => dropped.push(choice));
    tasks.push({
      cls,
      candidates: CANDIDATES[cls],
      time: (choice) => (dropped.includes(choice) ? Promise.reject(new Error('failed to compile')) : time(cls, choice)),
    });
  }
  return tune(tasks, budgetMs, now);
}

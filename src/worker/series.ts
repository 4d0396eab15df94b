/** The worker's side of a timed series: load every model (downloads and compilation happen here,
 *  before any timing), run each once so its first run (compile included) is kept apart, then the
 *  interleaved timed runs of src/model/timing.ts on the current image. */
import type { Classifier } from '../model/classifier';
import { measureInterleaved, timed, type LatencyStats } from '../model/timing';
import { explainError } from '../model/backend';
import { inputOf, outcomeOf, type RequestContext } from './classify-image';
import { describeModel, modelIdOf, type Answer, type SeriesEntry, type WorkerRequest } from './protocol';

/** settle: resolves once nothing else (a prefetch beside the queue) is in flight; onTimed: called
 *  with the worker-clock span of the timed runs. */
interface SeriesContext extends RequestContext {
  settle: () => Promise<void>;
  onTimed: (start: number, end: number) => void;
}

export async function runSeries(req: Extract<WorkerRequest, { type: 'measure' }>, c: SeriesContext): Promise<Answer<'series'>> {
  const { models: specs, runs, warmup } = req;
  const entries: SeriesEntry[] = specs.map(() => ({ ok: false, error: 'not run' }));
  const loaded: { index: number; key: string; classifier: Classifier; input: Float32Array; stats: LatencyStats; probs: Float32Array | null }[] = [];
  for (const [index, spec] of specs.entries()) {
    try {
      const classifier = await c.ensure(spec);
      const key = modelIdOf(spec);
      const input = inputOf(c, classifier.config.resolution);
      const stats = c.stats(key);
      let probs: Float32Array | null = null;
      if (!stats.hasFirst) {
        // The first inference after a load still pays first-use costs: kept apart, never timed as steady.
        c.post({ type: 'progress', id: c.id, modelId: key, phase: 'compile', loaded: 0, total: 1 });
        stats.record(await timed(async () => (probs = await classifier.probabilities(input))));
      }
      loaded.push({ index, key, classifier, input, stats, probs });
    } catch (e) {
      entries[index] = { ok: false, error: explainError(e, describeModel(spec)) };
    }
  }
  await c.settle();
  // One message per model before timing, none during it: the page stays quiet while it runs.
  for (const l of loaded) c.post({ type: 'progress', id: c.id, modelId: l.key, phase: 'run', loaded: 0, total: runs });
  const start = performance.now();
  const times = await measureInterleaved(
    loaded.map((l) => async () => {
      l.probs = await l.classifier.probabilities(l.input);
    }),
    { runs, warmup },
  );
  c.onTimed(start, performance.now());
  for (const [i, l] of loaded.entries()) {
    // The map is read after timing, in one more pass (it adds a read-back the series never times).
    const withCam = req.cam ? await l.classifier.probabilitiesWithCam(l.input) : null;
    for (const ms of times[i].times) l.stats.record(ms);
    const summary = l.stats.summary();
    const outcome = outcomeOf(c, l.classifier, withCam?.probs ?? l.probs!, { ...summary, wasFirst: false }, withCam?.cam);
    entries[l.index] = { ok: true, ...outcome, firstMs: summary.firstMs, warmupMs: times[i].warmupMs, times: times[i].times, spread: times[i].spread };
  }
  return { type: 'series', id: c.id, entries };
}

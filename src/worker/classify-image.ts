/** The worker's side of the Lab's image (or the test pattern) through its networks: classify (one
 *  network, once) and a timed series (several, interleaved). */
import type { Classifier } from '../model/classifier';
import { explainError, memoryInfo } from '../model/backend';
import { normaliseCam, type CamMap } from '../model/cam';
import { topK } from '../model/labels';
import { imageToInput, testPattern } from '../model/preprocess';
import { measureInterleaved, timed, type Latency } from '../model/timing';
import type { LoadedNetwork } from './network-cache';
import { describeModel, modelIdOf, type Answer, type ModelSpec, type SeriesEntry, type WorkerRequest, type WorkerResponse } from './protocol';

/** What a request's handler gets from the worker (classify, a timed series, an Evaluate batch). */
export interface RequestContext {
  id: number;
  /** Loads (or finds) a network, with its latency record. */
  ensure: (spec: ModelSpec) => Promise<LoadedNetwork>;
  /** The Lab's image; null: the test pattern. */
  image: { bitmap: ImageBitmap; name: string } | null;
  post: (msg: WorkerResponse) => void;
}

/** `spec`'s network, loaded, with its id, its latency record and its input (the context's image, or the test pattern). */
async function prepare(c: RequestContext, spec: ModelSpec) {
  const { classifier, stats } = await c.ensure(spec);
  const size = classifier.config.resolution;
  return { classifier, modelId: modelIdOf(spec), stats, input: c.image ? imageToInput(c.image.bitmap, size) : testPattern(size) };
}

/** What `classifier` made of the context's input (classify's answer, a series entry). */
export const outcomeOf = (c: RequestContext, classifier: Classifier, probs: Float32Array, latency: Latency, cam?: CamMap) => ({
  resolution: classifier.config.resolution,
  /** The image it ran on; null for the built-in test pattern. */
  imageName: c.image?.name ?? null,
  top5: topK(probs, 5),
  latency,
  synthetic: classifier.synthetic,
  memory: memoryInfo(),
  /** Top-1 class activation map (ReLU, normalised to [0, 1]) when the request asked for one. */
  ...(cam ? { cam: normaliseCam(cam) } : {}),
});

/** The lab's classify: the image on show (or the test pattern) through one network, with the
 *  top-1 activation map from the same pass when asked; progress says whether the run compiles or
 *  runs, and the latency statistics are the network's own (timing.ts). */
export async function classifyImage(req: Extract<WorkerRequest, { type: 'classify' }>, c: RequestContext): Promise<Answer<'result'>> {
  const { classifier, modelId, stats, input } = await prepare(c, req.model);
  c.post({ type: 'progress', id: req.id, modelId, phase: stats.hasFirst ? 'run' : 'compile', loaded: 0, total: 1 });
  const t0 = performance.now();
  // The map comes out of the same pass as the prediction (a few dozen floats more to read).
  const { probs, cam } = req.cam ? await classifier.probabilitiesWithCam(input) : { probs: await classifier.probabilities(input), cam: undefined };
  const wasFirst = stats.record(performance.now() - t0);
  return { type: 'result', id: req.id, ...outcomeOf(c, classifier, probs, { ...stats.summary(), wasFirst }, cam) };
}

/** settle: resolves once nothing else (a prefetch beside the queue) is in flight; onTimed: called
 *  with the worker-clock span of the timed runs. */
interface SeriesContext extends RequestContext {
  settle: () => Promise<void>;
  onTimed: (start: number, end: number) => void;
}

/** The worker's side of a timed series: load every model (downloads and compilation happen here,
 *  before any timing), run each once so its first run (compile included) is kept apart, then the
 *  interleaved timed runs of src/model/timing.ts on the current image. */
export async function runSeries(req: Extract<WorkerRequest, { type: 'measure' }>, c: SeriesContext): Promise<Answer<'series'>> {
  const { models: specs, runs, warmup } = req;
  const entries: SeriesEntry[] = specs.map(() => ({ ok: false, error: 'not run' }));
  const loaded: (Awaited<ReturnType<typeof prepare>> & { index: number; probs: Float32Array | null })[] = [];
  for (const [index, spec] of specs.entries()) {
    try {
      const l = { ...(await prepare(c, spec)), index, probs: null as Float32Array | null };
      if (!l.stats.hasFirst) {
        // The first inference after a load still pays first-use costs: kept apart, never timed as steady.
        c.post({ type: 'progress', id: c.id, modelId: l.modelId, phase: 'compile', loaded: 0, total: 1 });
        l.stats.record(await timed(async () => (l.probs = await l.classifier.probabilities(l.input))));
      }
      loaded.push(l);
    } catch (e) {
      entries[index] = { ok: false, error: explainError(e, describeModel(spec)) };
    }
  }
  await c.settle();
  // One message per model before timing, none during it: the page stays quiet while it runs.
  for (const l of loaded) c.post({ type: 'progress', id: c.id, modelId: l.modelId, phase: 'run', loaded: 0, total: runs });
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

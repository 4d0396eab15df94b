/** The lab's classify: the image on show (or the test pattern) through one network, with the
 *  top-1 activation map from the same pass when asked; progress says whether the run compiles or
 *  runs, and the latency statistics are the network's own (timing.ts). */
import type { Classifier } from '../model/classifier';
import { memoryInfo } from '../model/backend';
import { normaliseCam, type CamMap } from '../model/cam';
import { topK } from '../model/labels';
import { imageToInput, testPattern } from '../model/preprocess';
import type { Latency, LatencyStats } from '../model/timing';
import { modelIdOf, type Answer, type ModelSpec, type WorkerRequest, type WorkerResponse } from './protocol';

/** What a request's handler gets from the worker (classify, a timed series, an Evaluate batch). */
export interface RequestContext {
  id: number;
  /** Loads (or finds) a network. */
  ensure: (spec: ModelSpec) => Promise<Classifier>;
  stats: (modelId: string) => LatencyStats;
  /** The Lab's image; null: the test pattern. */
  image: { bitmap: ImageBitmap; name: string } | null;
  post: (msg: WorkerResponse) => void;
}

/** The network's input at `size`: the context's image, or the test pattern. */
export const inputOf = (c: RequestContext, size: number): Float32Array => (c.image ? imageToInput(c.image.bitmap, size) : testPattern(size));

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

export async function classifyImage(req: Extract<WorkerRequest, { type: 'classify' }>, c: RequestContext): Promise<Answer<'result'>> {
  const { id, model: spec } = req;
  const classifier = await c.ensure(spec);
  const modelId = modelIdOf(spec);
  const input = inputOf(c, classifier.config.resolution);
  const stats = c.stats(modelId);
  c.post({ type: 'progress', id, modelId, phase: stats.hasFirst ? 'run' : 'compile', loaded: 0, total: 1 });
  const t0 = performance.now();
  // The map comes out of the same pass as the prediction (a few dozen floats more to read).
  const { probs, cam } = req.cam ? await classifier.probabilitiesWithCam(input) : { probs: await classifier.probabilities(input), cam: undefined };
  const wasFirst = stats.record(performance.now() - t0);
  return { type: 'result', id, ...outcomeOf(c, classifier, probs, { ...stats.summary(), wasFirst }, cam) };
}

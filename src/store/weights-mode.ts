/** Random-weights mode (?weights=random): when the converted weights cannot be fetched, the
 *  official B0–B7 are built in the worker with seeded random weights — no download, the
 *  synthetic banner on, predictions meaningless, latency real. Only ever chosen by the user
 *  (the error's button, or the URL), never as a silent fallback. */
import { WEIGHT_FETCH_FAILURE } from '../model/artifacts';
import { DEFAULT_SYNTHETIC_SEED } from '../model/synthetic-init';
import { RANDOM_WEIGHTS_BASE } from '../model/pinned-sources';
import type { ModelSpec } from '../worker/protocol';
import type { ModelSource } from './model-source';

/** The source of random-weights mode; its base URL is never fetched. */
export const RANDOM_SOURCE: ModelSource = { baseUrl: RANDOM_WEIGHTS_BASE, kind: 'random' };

/** The same seed as the `npm run models:synth` exports. */
export const RANDOM_WEIGHTS_SEED = DEFAULT_SYNTHETIC_SEED;

/** How official Bk is made from the source at `baseUrl`: downloaded from it, or, in
 *  random-weights mode, built with seeded weights. */
export function officialSpec(variant: number, baseUrl: string): ModelSpec {
  return baseUrl === RANDOM_SOURCE.baseUrl ? { kind: 'seeded', variant, seed: RANDOM_WEIGHTS_SEED } : { kind: 'official', variant, baseUrl };
}

/** Did the weights fail to arrive (offline, blocked, HTTP error, wrong size or bytes)? */
export const isWeightFetchError = (message: string): boolean => WEIGHT_FETCH_FAILURE.test(message);

/** The ways out the weights error names besides random weights. */
export const OTHER_WAYS_OUT = [
  'self-host the weights: npm run models:fetch, then serve public/models/',
  'point ?models= at a folder holding B0/model.json … B7/model.json',
  'drop a converted model folder (model.json + shards) on the page',
] as const;

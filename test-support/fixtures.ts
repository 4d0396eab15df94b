/** Where the tests' fixtures come from: the genuine B0–B7 `model.json` topologies, the photos and
 *  the ImageNet label list. Node only; used by unit tests, browser tests and scripts alike, so no
 *  one else resolves ../shared by hand.
 *
 *  Topologies (a folder holding B0/model.json … B7/model.json), first found of:
 *    1. $EFFNET_FIXTURES
 *    2. ../shared/models/efficientnet-tfhub beside the repository
 *    3. .cache/fixtures/ (git-ignored; `npm run fixtures` fills it from the pinned commit)
 *  Photos and labels sit beside the topologies in the shared layout (`<root>/images`,
 *  `<root>/labels` where the topologies are `<root>/models/efficientnet-tfhub`); $EFFNET_PHOTOS
 *  overrides the photo folder; `npm run fixtures` fetches the four gallery photos and the ImageNet
 *  sample the tests use into .cache/fixtures/images.
 *
 *  Missing fixtures: under CI=true a failure with FIXTURES_MISSING, never a skip; elsewhere the
 *  test may skip with that same line. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const FIXTURES_MISSING = 'fixtures not found: set EFFNET_FIXTURES, or run npm run fixtures';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const CACHE_DIR = join(REPO_ROOT, '.cache', 'fixtures');
const SHARED_TOPOLOGIES = ['models', 'efficientnet-tfhub'] as const;
export const VARIANTS = ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'] as const;

export const inCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

const hasAllTopologies = (dir: string) => VARIANTS.every((v) => existsSync(join(dir, v, 'model.json')));

/** The folders searched for topologies, in order. */
export function topologyCandidates(): string[] {
  const env = process.env.EFFNET_FIXTURES;
  return [...(env ? [resolve(env)] : []), resolve(REPO_ROOT, '..', 'shared', ...SHARED_TOPOLOGIES), CACHE_DIR];
}

/** The first folder holding all eight topologies, or null. */
export function topologyDir(): string | null {
  return topologyCandidates().find(hasAllTopologies) ?? null;
}

export function topologyPath(dir: string, variant: string): string {
  return join(dir, variant, 'model.json');
}

/** `<root>` when `dir` is `<root>/models/efficientnet-tfhub` (the shared layout), else null. */
function sharedRootOf(dir: string): string | null {
  const tail = join(...SHARED_TOPOLOGIES);
  return dir.endsWith(tail) ? dir.slice(0, -tail.length - 1) : null;
}

function sharedRoots(): string[] {
  const roots = topologyCandidates()
    .map(sharedRootOf)
    .filter((r): r is string => r !== null);
  return [...new Set(roots)];
}

/** Folders searched for photos, in order. */
export function photoCandidates(): string[] {
  const env = process.env.EFFNET_PHOTOS;
  return [...(env ? [resolve(env)] : []), ...sharedRoots().map((r) => join(r, 'images')), join(CACHE_DIR, 'images')];
}

/** The path of photo `name` (e.g. 'panda.jpg', 'imagenet-sample/INDEX.json'), or null. */
export function findPhoto(name: string): string | null {
  return (
    photoCandidates()
      .map((d) => join(d, name))
      .find((p) => existsSync(p)) ?? null
  );
}

/** The folder of the ImageNet sample photos (`<photos>/imagenet-sample`, its INDEX.json and the
 *  photos kept there: 62 of the 1,000), or null. */
export function findImagenetSample(): string | null {
  const index = findPhoto(join('imagenet-sample', 'INDEX.json'));
  return index ? dirname(index) : null;
}

/** The shared ImageNet label list (labels/imagenet-en.json), or null. */
export function findLabels(): string | null {
  return (
    sharedRoots()
      .map((r) => join(r, 'labels', 'imagenet-en.json'))
      .find((p) => existsSync(p)) ?? null
  );
}

/** The two genuine weight shards kept beside the topologies (integrity tests on real bytes). */
export const REAL_SHARDS = ['B0/group1-shard6of6.bin', 'B7/group1-shard64of64.bin'] as const;

/** The path of a real shard ('B0/group1-shard6of6.bin') beside the topologies, or null. */
export function findRealShard(path: string): string | null {
  const dir = topologyDir();
  return dir && existsSync(join(dir, path)) ? join(dir, path) : null;
}

export interface FixtureNeeds {
  topologies?: boolean;
  realShards?: boolean;
  photos?: readonly string[];
  labels?: boolean;
}

/** What of `needs` is missing (empty when all is found). */
export function missingFixtures(needs: FixtureNeeds): string[] {
  const out: string[] = [];
  if (needs.topologies && !topologyDir()) out.push(`topologies (searched ${topologyCandidates().join(', ')})`);
  if (needs.realShards) for (const s of REAL_SHARDS) if (!findRealShard(s)) out.push(`shard ${s}`);
  for (const p of needs.photos ?? []) if (!findPhoto(p)) out.push(`photo ${p} (searched ${photoCandidates().join(', ')})`);
  if (needs.labels && !findLabels()) out.push('labels/imagenet-en.json');
  return out;
}

/** For a test file: null when every fixture is found; otherwise FIXTURES_MISSING, the reason to
 *  skip with, outside CI. Under CI a missing fixture throws that line instead: a failure. */
export function fixtureSkipReason(needs: FixtureNeeds): string | null {
  if (missingFixtures(needs).length === 0) return null;
  if (inCi()) throw new Error(FIXTURES_MISSING);
  return FIXTURES_MISSING;
}

/** Everything some test needs, unit and browser tests alike — all of which `npm run fixtures` can
 *  fetch: the topologies, the two real shards, the four gallery photos and the ImageNet sample. No
 *  label list (the labels come from the npm package, src/model/labels.ts) and no format variants
 *  (the tests make those from a photo: src/image/test-support/format-variants.ts). The CI gates
 *  (vitest's global setup, the browser tests' global setup, `npm run fixtures -- --check`) check
 *  all of it up front; each test file asks only for what it reads. */
export const ALL_NEEDS: FixtureNeeds = {
  topologies: true,
  realShards: true,
  photos: ['panda.jpg', 'fish.jpg', 'car.jpg', 'gun.jpg', 'imagenet-sample/INDEX.json'],
};

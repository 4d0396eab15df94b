// The fixtures module's search order and its CI rule, on temporary folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_NEEDS,
  CACHE_DIR,
  FIXTURES_MISSING,
  VARIANTS,
  findLabels,
  findPhoto,
  fixtureSkipReason,
  missingFixtures,
  topologyCandidates,
  topologyDir,
} from './fixtures';

const saved = { ...process.env };
let tmp: string;

/** A copy of the shared layout holding `variants` topologies, one photo and the labels. */
function sharedLike(root: string, variants: readonly string[]): string {
  const topo = join(root, 'models', 'efficientnet-tfhub');
  for (const v of variants) {
    mkdirSync(join(topo, v), { recursive: true });
    writeFileSync(join(topo, v, 'model.json'), '{}');
  }
  mkdirSync(join(root, 'images'), { recursive: true });
  writeFileSync(join(root, 'images', 'panda.jpg'), 'x');
  mkdirSync(join(root, 'labels'), { recursive: true });
  writeFileSync(join(root, 'labels', 'imagenet-en.json'), '{}');
  return topo;
}

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fixtures-test-'));
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(tmp, { recursive: true, force: true });
});

describe('fixtures module', () => {
  it('searches $EFFNET_FIXTURES first, then ../shared, then .cache/fixtures', () => {
    process.env.EFFNET_FIXTURES = join(tmp, 'mine');
    const c = topologyCandidates();
    expect(c[0]).toBe(join(tmp, 'mine'));
    expect(c[1].endsWith(join('shared', 'models', 'efficientnet-tfhub'))).toBe(true);
    expect(c[2]).toBe(CACHE_DIR);
  });

  it('takes $EFFNET_FIXTURES when it holds all eight, and photos and labels beside it in the shared layout', () => {
    const topo = sharedLike(tmp, VARIANTS);
    process.env.EFFNET_FIXTURES = topo;
    expect(topologyDir()).toBe(topo);
    expect(findPhoto('panda.jpg')).toBe(join(tmp, 'images', 'panda.jpg'));
    expect(findLabels()).toBe(join(tmp, 'labels', 'imagenet-en.json'));
    process.env.EFFNET_PHOTOS = join(tmp, 'other');
    mkdirSync(join(tmp, 'other'));
    writeFileSync(join(tmp, 'other', 'panda.jpg'), 'y');
    expect(findPhoto('panda.jpg')).toBe(join(tmp, 'other', 'panda.jpg'));
  });

  it('passes over a folder that lacks a variant', () => {
    const topo = sharedLike(tmp, VARIANTS.slice(0, 7));
    process.env.EFFNET_FIXTURES = topo;
    expect(topologyDir()).not.toBe(topo);
  });

  it('outside CI: the one line to skip with; under CI: that line thrown', () => {
    process.env.EFFNET_FIXTURES = join(tmp, 'none');
    const needs = { photos: ['no-such-photo.jpg'] };
    expect(missingFixtures(needs)).toHaveLength(1);
    process.env.CI = '';
    expect(fixtureSkipReason(needs)).toBe(FIXTURES_MISSING);
    process.env.CI = 'true';
    expect(() => fixtureSkipReason(needs)).toThrow(new Error(FIXTURES_MISSING));
    expect(FIXTURES_MISSING).toBe('fixtures not found: set EFFNET_FIXTURES, or run npm run fixtures');
  });

  it('nothing missing: no reason, even under CI', () => {
    process.env.CI = 'true';
    expect(fixtureSkipReason({})).toBeNull();
  });

  it('the gate asks only for what npm run fixtures fetches: no label list, no format variants', () => {
    expect(ALL_NEEDS).toEqual({ topologies: true, realShards: true, photos: ['panda.jpg', 'fish.jpg', 'car.jpg', 'gun.jpg', 'imagenet-sample/INDEX.json'] });
  });
});

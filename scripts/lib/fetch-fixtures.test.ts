// `npm run fixtures` on local bytes (this machine has no internet): a fetcher that serves the
// found fixtures under their pinned URLs fills a temporary folder; a tampered file is refused and
// not written; an offline fetch fails with a clear message.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_NEEDS, findImagenetSample, findPhoto, fixtureSkipReason, topologyDir } from '../../test-support/fixtures';
import { fetchFixtures, fixtureFiles, type Fetcher } from './fetch-fixtures';

const missing = fixtureSkipReason(ALL_NEEDS);
let dest = '';
afterEach(() => rmSync(dest, { recursive: true, force: true }));

/** Serves each fixture file's local bytes at its pinned URL, through `alter`. */
function localFetcher(alter: (path: string, b: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (_p, b) => b): Fetcher {
  const byUrl = new Map(fixtureFiles().map((f) => [f.url, f.path]));
  return async (url) => {
    const path = byUrl.get(url);
    if (!path) return new Response('not found', { status: 404 });
    const local = path.startsWith('images/') ? findPhoto(path.slice(7))! : join(topologyDir()!, path);
    return new Response(alter(path, new Uint8Array(readFileSync(local))));
  };
}

describe.skipIf(missing !== null)('npm run fixtures', () => {
  it('lists 8 topologies, 2 real shards, 4 gallery photos and the 62 ImageNet sample photos, all at pinned commits', () => {
    const files = fixtureFiles();
    expect(files).toHaveLength(14 + 62);
    expect(files.filter((f) => f.path.startsWith('images/imagenet-sample/')).map((f) => f.path.slice(23))).toEqual(
      readdirSync(findImagenetSample()!)
        .filter((f) => f.endsWith('.JPEG'))
        .sort(),
    );
    for (const f of files) {
      expect(f.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/(ntedgi|EliSchwartz)\/[\w-]+\/[0-9a-f]{40}\//);
      expect(f.blobId).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('writes every verified file', async () => {
    dest = mkdtempSync(join(tmpdir(), 'fixtures-fetch-'));
    const lines: string[] = [];
    const bytes = await fetchFixtures(dest, localFetcher(), (l) => lines.push(l));
    expect(lines).toHaveLength(14 + 62 + 1);
    expect(readFileSync(join(dest, 'B7/model.json')).equals(readFileSync(join(topologyDir()!, 'B7/model.json')))).toBe(true);
    expect(existsSync(join(dest, 'images/gun.jpg'))).toBe(true);
    expect(bytes).toBeGreaterThan(3_000_000);
    // The sample folder as the tests find it: the kept photos byte for byte, and an INDEX.json
    // holding the shared one's facts (index, wnid, file, blob) for all 1,000 classes.
    const shared = findImagenetSample()!;
    const kept = readdirSync(join(dest, 'images/imagenet-sample')).filter((f) => f.endsWith('.JPEG'));
    expect(kept).toHaveLength(62);
    for (const f of kept) expect(readFileSync(join(dest, 'images/imagenet-sample', f)).equals(readFileSync(join(shared, f)))).toBe(true);
    type Index = { commit: string; files: { index: number; wnid: string; file: string; blob: string }[] };
    const facts = (i: Index) => [i.commit, i.files.map(({ index, wnid, file, blob }) => [index, wnid, file, blob])];
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as Index;
    expect(facts(read(join(dest, 'images/imagenet-sample')))).toEqual(facts(read(shared)));
  });

  it('refuses a tampered file, naming it and both ids, and does not write it', async () => {
    dest = mkdtempSync(join(tmpdir(), 'fixtures-fetch-'));
    const flip = (path: string, b: Uint8Array<ArrayBuffer>) => {
      if (path !== 'B2/model.json') return b;
      const c = b.slice();
      c[100] ^= 0x20;
      return c;
    };
    await expect(fetchFixtures(dest, localFetcher(flip))).rejects.toThrow(
      /^Integrity check failed for B2\/model\.json: expected git blob [0-9a-f]{40}, got [0-9a-f]{40}$/,
    );
    expect(existsSync(join(dest, 'B1/model.json'))).toBe(true);
    expect(existsSync(join(dest, 'B2/model.json'))).toBe(false);
    expect(existsSync(join(dest, 'B2/model.json.partial'))).toBe(false);
  });
});

describe('npm run fixtures offline', () => {
  it('fails with a message that says what to do', async () => {
    dest = mkdtempSync(join(tmpdir(), 'fixtures-fetch-'));
    const offline: Fetcher = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }));
    await expect(fetchFixtures(dest, offline)).rejects.toThrow(
      'cannot download https://raw.githubusercontent.com/ntedgi/efficientnet-tensorflowjs-binaries/35e685b9408fc382f8e3f6d00ab73c32e1abb91f/models/B0/model.json (ENOTFOUND); is this machine offline? Set EFFNET_FIXTURES to a folder holding B0/model.json … B7/model.json instead.',
    );
  });
});

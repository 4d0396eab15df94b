/** `npm run fixtures`: downloads the eight genuine model.json topologies (≈3 MB), the two real
 *  last shards of B0 and B7 (0.6 MB, for the integrity tests), the four gallery photos and the 62
 *  ImageNet sample photos the tests use (≈7 MB) from their pinned commits into .cache/fixtures/,
 *  each checked against its git blob id before it is written, then the sample's INDEX.json (the
 *  shared layout's, written from the project's facts: src/model/imagenet-sample.json). A file is
 *  written only once verified (write to a temporary name, then rename), so a failed run leaves no
 *  half-file that looks found. Format variants and the large RGBA PNG are made by the tests. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pinnedWeightBlobId, verifyBlob } from '../../src/model/integrity';
import { IMAGENET_SAMPLE, samplePhotoUrl } from '../../src/model/imagenet-sample';
import { GALLERY, GALLERY_BASE, IMAGENET_SAMPLE_BASE, IMAGENET_SAMPLE_COMMIT, IMAGENET_SAMPLE_REPO, PINNED_WEIGHTS_BASE } from '../../src/model/pinned-sources';
import { REAL_SHARDS } from '../../test-support/fixtures';
import kept from './imagenet-sample-kept.json' with { type: 'json' };

export interface FixtureFile {
  url: string;
  /** Path below the destination folder. */
  path: string;
  blobId: string;
}

const VARIANTS = ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];

/** Every file `npm run fixtures` fetches, with the id it must match. */
export function fixtureFiles(): FixtureFile[] {
  const topologies = VARIANTS.map((v) => {
    const blobId = pinnedWeightBlobId(`${v}/model.json`);
    if (!blobId) throw new Error(`no pinned blob id for ${v}/model.json`);
    return { url: `${PINNED_WEIGHTS_BASE}${v}/model.json`, path: `${v}/model.json`, blobId };
  });
  const shards = REAL_SHARDS.map((path) => ({ url: `${PINNED_WEIGHTS_BASE}${path}`, path, blobId: pinnedWeightBlobId(path)! }));
  const photos = GALLERY.map((s) => ({ url: `${GALLERY_BASE}${s.file}`, path: `images/${s.file}`, blobId: s.blobId }));
  const sample = keptSample().map((p) => ({ url: samplePhotoUrl(p), path: `${SAMPLE_DIR}/${p.file}`, blobId: p.blob }));
  return [...topologies, ...shards, ...photos, ...sample];
}

const SAMPLE_DIR = 'images/imagenet-sample';

/** The kept ImageNet sample photos, in class order. */
function keptSample() {
  const names = new Set(kept.files);
  const found = IMAGENET_SAMPLE.filter((p) => names.has(p.file));
  if (found.length !== names.size) throw new Error('imagenet-sample-kept.json names a photo the sample does not hold');
  return found;
}

/** The shared layout's INDEX.json for all 1,000 classes (the fields the tests read). */
function sampleIndexJson(): string {
  const files = IMAGENET_SAMPLE.map(({ index, wnid, file, blob }) => ({ index, wnid, file, blob }));
  const index = { source: IMAGENET_SAMPLE_REPO, commit: IMAGENET_SAMPLE_COMMIT, rawBase: IMAGENET_SAMPLE_BASE, hash: 'git-blob-sha1', files };
  return `${JSON.stringify(index, null, 1)}\n`;
}

async function writeWhole(target: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.partial`, bytes);
  await rename(`${target}.partial`, target);
}

export type Fetcher = (url: string) => Promise<Response>;

async function download(file: FixtureFile, fetcher: Fetcher): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetcher(file.url);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new Error(
      `cannot download ${file.url} (${cause}); is this machine offline? ` + 'Set EFFNET_FIXTURES to a folder holding B0/model.json … B7/model.json instead.',
      { cause: e },
    );
  }
  if (!res.ok) throw new Error(`${file.url} answered HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Downloads, verifies and writes every file below `dest`; resolves to the bytes written. */
export async function fetchFixtures(dest: string, fetcher: Fetcher, log: (line: string) => void = () => undefined): Promise<number> {
  let total = 0;
  for (const file of fixtureFiles()) {
    const bytes = await download(file, fetcher);
    await verifyBlob(file.path, bytes, file.blobId);
    await writeWhole(join(dest, file.path), bytes);
    total += bytes.byteLength;
    log(`  ${file.path}: ${bytes.byteLength.toLocaleString('en-US')} bytes, blob ${file.blobId.slice(0, 12)} ok`);
  }
  // Last: the index is what marks the sample folder as found (findImagenetSample).
  await writeWhole(join(dest, SAMPLE_DIR, 'INDEX.json'), sampleIndexJson());
  log(`  ${SAMPLE_DIR}/INDEX.json: written from src/model/imagenet-sample.json`);
  return total;
}

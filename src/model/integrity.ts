/** Integrity of downloads from the pinned sources: git blob ids (SHA-1 over
 *  `"blob " + length + "\0" + bytes`) computed with WebCrypto, compared with the project's copy of
 *  the published ids (pinned-blob-ids.json, a copy of ../shared's INTEGRITY.json: facts, not code).
 *  Runs wherever WebCrypto does: in the inference worker (off the main thread) and in Node. */
import pinned from './pinned-blob-ids.json' with { type: 'json' };
import { concat } from './model-json';
import { PINNED_WEIGHTS_BASE } from './pinned-sources';

const BLOB_IDS: Readonly<Record<string, string>> = pinned.files;

/** The git blob id of `bytes` (40 hex digits). */
export async function gitBlobId(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', concat([new TextEncoder().encode(`blob ${bytes.byteLength}\0`), bytes])));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class IntegrityError extends Error {}

/** Throws an IntegrityError naming the file and both ids when `bytes` is not `expected`. */
export async function verifyBlob(file: string, bytes: ArrayBuffer | Uint8Array, expected: string): Promise<void> {
  const actual = await gitBlobId(bytes);
  if (actual !== expected) throw new IntegrityError(`Integrity check failed for ${file}: expected git blob ${expected}, got ${actual}`);
}

/** The published blob id of `B{k}/<file>` at the pinned commit, or undefined. */
export function pinnedWeightBlobId(path: string): string | undefined {
  return BLOB_IDS[path];
}

/** For a URL below the pinned weights source, the path the ids are keyed by (`B0/model.json`);
 *  null for any other source (those are unverified). */
export function pinnedWeightPath(url: string): string | null {
  const plain = url.split(/[?#]/)[0];
  return plain.startsWith(PINNED_WEIGHTS_BASE) ? plain.slice(PINNED_WEIGHTS_BASE.length) : null;
}

/** Verifies a file fetched from `url` when it lies below the pinned source; a file there without
 *  a published id is refused too (the pinned commit holds no such file). Other sources: no check. */
export async function verifyPinnedDownload(url: string, bytes: ArrayBuffer | Uint8Array): Promise<void> {
  const path = pinnedWeightPath(url);
  if (path === null) return;
  const expected = pinnedWeightBlobId(path);
  if (!expected) throw new IntegrityError(`Integrity check failed for ${path}: the pinned source has no such file`);
  await verifyBlob(path, bytes, expected);
}

/** npm run models:fetch [-- --variants B0,B1] [--base URL] — downloads the converted B0–B7 exports
 *  into public/models/B{k}/ for self-hosting and offline use. Every shard is checked against the
 *  manifest (and, from the default pinned source, against its git blob id); a variant is written only when complete. Fails with a clear message offline. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expectedShardSizes, parseModelJson } from '../src/model/model-json';
import { verifyPinnedDownload } from '../src/model/integrity';
import { parseVariantName, VARIANT_NAMES } from '../src/scaling/variants';
import { DEFAULT_MODEL_BASE } from '../src/store/model-source';

const ROOT = resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new Error(`cannot reach ${new URL(url).host} (${cause}). Is this machine offline? ` +
      'Use `npm run models:synth` for synthetic weights, or copy the exports into public/models/ by hand.', { cause: e });
  }
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res;
}

async function fetchVariant(base: string, name: string): Promise<void> {
  const url = `${base.replace(/\/?$/, '/')}${name}/`;
  const jsonBytes = new Uint8Array(await (await get(`${url}model.json`)).arrayBuffer());
  await verifyPinnedDownload(`${url}model.json`, jsonBytes); // the pinned source: every file checked
  const text = new TextDecoder().decode(jsonBytes);
  const json = parseModelJson(text, `${url}model.json`);
  const shards = expectedShardSizes(json);
  const tmp = resolve(ROOT, 'public/models', `.${name}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  let done = 0;
  const total = shards.reduce((s, x) => s + x.bytes, 0);
  for (const shard of shards) {
    const buf = Buffer.from(await (await get(url + shard.path)).arrayBuffer());
    if (buf.byteLength !== shard.bytes) throw new Error(`${shard.path}: ${buf.byteLength} bytes, manifest expects ${shard.bytes}`);
    await verifyPinnedDownload(url + shard.path, buf);
    await writeFile(resolve(tmp, shard.path), buf);
    done += buf.byteLength;
    process.stdout.write(`\r${name}: ${(done / 1048576).toFixed(1)} / ${(total / 1048576).toFixed(1)} MB`);
  }
  await writeFile(resolve(tmp, 'model.json'), text);
  const dest = resolve(ROOT, 'public/models', name);
  await rm(dest, { recursive: true, force: true });
  await rename(tmp, dest);
  process.stdout.write(`\n${name}: done (${shards.length} shards)\n`);
}

async function main() {
  const base = arg('base') ?? DEFAULT_MODEL_BASE;
  const variants = (arg('variants') ?? VARIANT_NAMES.join(',')).split(',').map((s) => s.trim().toUpperCase());
  for (const v of variants) {
    if (parseVariantName(v) === null) throw new Error(`unknown variant ${v}; use B0…B7`);
    await fetchVariant(base, v);
  }
}

main().catch((e: Error) => {
  console.error(`models:fetch failed: ${e.message}`);
  process.exit(1);
});

/** npm run models:fetch [-- --variants B0,B1] [--base URL] [--dtype float16] — downloads the
 *  converted B0–B7 exports into public/models/B{k}/ for self-hosting and offline use. Every shard is
 *  checked against the manifest (and, from the default pinned source, against its git blob id); a
 *  variant is written only when complete. `--dtype float16` writes the verified weights at half
 *  size in tfjs's own float16 quantization format (half-weights.ts). Fails clearly offline. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { concat, expectedShardSizes, parseModelJson } from '../src/model/model-json';
import { halveWeights } from './lib/half-weights';
import { verifyPinnedDownload } from '../src/model/integrity';
import { PINNED_WEIGHTS_BASE } from '../src/model/pinned-sources';
import { parseVariantName, VARIANT_NAMES } from '../src/scaling/variants';
import { parseDtype, writeModelFolder, type Dtype } from './lib/write-model';

const ROOT = resolve(import.meta.dirname, '..');

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new Error(
      `cannot reach ${new URL(url).host} (${cause}). Is this machine offline? ` +
        'Use `npm run models:synth` for synthetic weights, or copy the exports into public/models/ by hand.',
      { cause: e },
    );
  }
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res;
}

async function fetchVariant(base: string, name: string, dtype: Dtype): Promise<void> {
  const url = `${base.replace(/\/?$/, '/')}${name}/`;
  const jsonBytes = new Uint8Array(await (await get(`${url}model.json`)).arrayBuffer());
  await verifyPinnedDownload(`${url}model.json`, jsonBytes); // the pinned source: every file checked
  const text = new TextDecoder().decode(jsonBytes);
  const json = parseModelJson(text, `${url}model.json`);
  const shards = expectedShardSizes(json);
  const got: { path: string; bytes: Uint8Array }[] = [];
  let done = 0;
  const total = shards.reduce((s, x) => s + x.bytes, 0);
  for (const shard of shards) {
    const buf = new Uint8Array(await (await get(url + shard.path)).arrayBuffer());
    if (buf.byteLength !== shard.bytes) throw new Error(`${shard.path}: ${buf.byteLength} bytes, manifest expects ${shard.bytes}`);
    await verifyPinnedDownload(url + shard.path, buf);
    got.push({ path: shard.path, bytes: buf });
    done += buf.byteLength;
    process.stdout.write(`\r${name}: ${(done / 1048576).toFixed(1)} / ${(total / 1048576).toFixed(1)} MB`);
  }
  const out = dtype === 'float16' ? halveWeights(json, concat(got.map((g) => g.bytes))) : { modelJson: json, shards: got };
  const written = await writeModelFolder(resolve(ROOT, 'public/models', name), out.modelJson, out.shards);
  process.stdout.write(`\n${name}: done (${out.shards.length} shards, ${(written / 1e6).toFixed(1)} MB ${dtype})\n`);
}

async function main() {
  const { values } = parseArgs({ options: { variants: { type: 'string' }, base: { type: 'string' }, dtype: { type: 'string' } } });
  const dtype = parseDtype(values.dtype);
  const base = values.base ?? PINNED_WEIGHTS_BASE;
  const variants = (values.variants ?? VARIANT_NAMES.join(',')).split(',').map((s) => s.trim().toUpperCase());
  for (const v of variants) {
    if (parseVariantName(v) === null) throw new Error(`unknown variant ${v}; use B0…B7`);
    await fetchVariant(base, v, dtype);
  }
}

main().catch((e: Error) => {
  console.error(`models:fetch failed: ${e.message}`);
  process.exit(1);
});

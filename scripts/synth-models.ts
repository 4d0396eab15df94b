// npm run models:synth [-- --variants B0,B1] [--out DIR] [--seed N] [--force] [--dtype float16]
//
// Builds complete, loadable TF.js graph models of EfficientNet B0–B7 with SEEDED RANDOM weights:
// the genuine converted topologies and weightsManifests (read in place from the folder the
// fixtures module finds: $EFFNET_FIXTURES, ../shared, or .cache/fixtures; never copied into git) plus weight shards
// in the converter's exact layout (manifest order, float32/int32 little-endian, 4 MiB shards).
// Predictions are meaningless; load time, memory and latency are real.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC_SEED } from '../src/model/synthetic-init.ts';
import { parseVariantName, VARIANT_NAMES } from '../src/scaling/variants.ts';
import { FIXTURES_MISSING, topologyDir, topologyPath } from '../test-support/fixtures.ts';
import { readModelJson } from '../src/model/test-support/node-model-io.ts';
import { writeSyntheticModel } from './lib/synth-weights.ts';
import { parseDtype, writeModelFolder, type Dtype } from './lib/write-model.ts';
import { buildSyntheticModel } from '../src/model/test-support/synthetic-export.ts';
import { halveWeights } from './lib/half-weights.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  variants: string[];
  out: string;
  seed: number;
  force: boolean;
  dtype: Dtype;
}

const USAGE = `Usage: npm run models:synth -- [--variants B0,B1,...] [--out DIR] [--seed N] [--force] [--dtype float16]
  --variants  comma-separated B0…B7 (default: all)
  --out       output folder (default: synthetic-models/ in the repository root)
  --seed      model seed, a non-negative integer (default: ${DEFAULT_SYNTHETIC_SEED})
  --force     rewrite variants whose folder already holds a complete matching model
  --dtype     float32 (default) or float16: half-size weights in tfjs's quantization format`;

function fail(message: string): never {
  console.error(`models:synth: ${message}`);
  process.exit(1);
}

function options(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        variants: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        dtype: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const opts: Options = {
    variants: [...VARIANT_NAMES],
    out: join(repoRoot, 'synthetic-models'),
    seed: DEFAULT_SYNTHETIC_SEED,
    force: values.force,
    dtype: 'float32',
  };
  if (values.variants !== undefined) {
    const list = values.variants
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    if (!(list.length === 1 && list[0] === 'ALL')) {
      const bad = list.filter((v) => parseVariantName(v, { bare: true }) === null);
      if (bad.length > 0 || list.length === 0) fail(`unknown variant(s) ${bad.join(', ')}; use B0…B7`);
      opts.variants = [...new Set(list.map((v) => VARIANT_NAMES[parseVariantName(v, { bare: true }) as number]))];
    }
  }
  if (values.out !== undefined) opts.out = resolve(process.cwd(), values.out);
  if (values.seed !== undefined) {
    const n = Number(values.seed);
    if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(n) || n > 0xffffffff) fail(`--seed must be an integer in 0…4294967295, got ${values.seed}`);
    opts.seed = n;
  }
  try {
    opts.dtype = parseDtype(values.dtype);
  } catch (e) {
    fail((e as Error).message);
  }
  return opts;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const topologies = topologyDir();
  if (!topologies) fail(`the genuine converted topologies are missing: ${FIXTURES_MISSING}`);
  const outRel = relative(process.cwd(), opts.out) || '.';
  console.log(`models:synth: ${opts.variants.join(', ')} → ${outRel}/ (seed ${opts.seed}${opts.force ? ', --force' : ''})`);
  const t0 = performance.now();
  let written = 0;
  for (const variant of opts.variants) {
    const src = topologyPath(topologies, variant);
    if (!existsSync(src)) fail(`missing ${src}`);
    const t = performance.now();
    const dir = join(opts.out, variant);
    if (opts.dtype === 'float16') {
      const full = await buildSyntheticModel(readModelJson(src), { seed: opts.seed });
      const half = halveWeights(full.modelJson, full.weightData);
      const bytes = await writeModelFolder(dir, half.modelJson, half.shards);
      written += bytes;
      console.log(
        `  ${variant}: wrote ${relative(process.cwd(), dir) || dir}/ float16 (${mb(bytes)} in ${half.shards.length} shards, float32 ${mb(full.weightData.byteLength)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      continue;
    }
    let lastPct = -1;
    const result = await writeSyntheticModel(readModelJson(src), dir, {
      seed: opts.seed,
      force: opts.force,
      onShard: (done, total) => {
        const pct = Math.floor((done / total) * 10);
        if (process.stdout.isTTY && pct !== lastPct) {
          lastPct = pct;
          process.stdout.write(`\r  ${variant}: shard ${done}/${total}`);
        }
      },
    });
    if (process.stdout.isTTY && lastPct >= 0) process.stdout.write('\r\x1b[K');
    const secs = ((performance.now() - t) / 1000).toFixed(1);
    const what = `${result.learnedParams.toLocaleString('en-US')} learned params, ${mb(result.bytes)} in ${result.shards} shards, ${result.residualDepth} residual blocks`;
    if (result.skipped) {
      console.log(`  ${variant}: up to date (${what}); --force to rewrite`);
    } else {
      written += result.bytes;
      console.log(`  ${variant}: wrote ${relative(process.cwd(), dir) || dir}/ (${what}) in ${secs} s`);
    }
  }
  console.log(`models:synth: done in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${mb(written)} written`);
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));

// npm run models:synth [-- --variants B0,B1] [--out DIR] [--seed N] [--force]
//
// Builds complete, loadable TF.js graph models of EfficientNet B0–B7 with SEEDED RANDOM weights:
// the genuine converted topologies and weightsManifests (read in place from the folder the
// fixtures module finds: $EFFNET_FIXTURES, ../shared, or .cache/fixtures; never copied into git) plus weight shards
// in the converter's exact layout (manifest order, float32/int32 little-endian, 4 MiB shards).
// Predictions are meaningless; load time, memory and latency are real.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SYNTHETIC_SEED } from '../src/model/synthetic-init.ts';
import { parseVariantName, VARIANT_NAMES } from '../src/scaling/variants.ts';
import { FIXTURES_MISSING, topologyDir, topologyPath } from '../test-support/fixtures.ts';
import { readModelJson } from '../src/model/test-support/node-model-io.ts';
import { writeSyntheticModel } from './lib/synth-weights.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  variants: string[];
  out: string;
  seed: number;
  force: boolean;
}

const USAGE = `Usage: npm run models:synth -- [--variants B0,B1,...] [--out DIR] [--seed N] [--force]
  --variants  comma-separated B0…B7 (default: all)
  --out       output folder (default: synthetic-models/ in the repository root)
  --seed      model seed, a non-negative integer (default: ${DEFAULT_SYNTHETIC_SEED})
  --force     rewrite variants whose folder already holds a complete matching model`;

function fail(message: string): never {
  console.error(`models:synth: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    variants: [...VARIANT_NAMES],
    out: join(repoRoot, 'synthetic-models'),
    seed: DEFAULT_SYNTHETIC_SEED,
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--variants': {
        const list = value()
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
        if (list.length === 1 && list[0] === 'ALL') break;
        const bad = list.filter((v) => parseVariantName(v, { bare: true }) === null);
        if (bad.length > 0 || list.length === 0) fail(`unknown variant(s) ${bad.join(', ')}; use B0…B7`);
        opts.variants = [...new Set(list.map((v) => VARIANT_NAMES[parseVariantName(v, { bare: true }) as number]))];
        break;
      }
      case '--out':
        opts.out = resolve(process.cwd(), value());
        break;
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n > 0xffffffff) {
          fail(`--seed must be an integer in 0…4294967295, got ${v}`);
        }
        opts.seed = n;
        break;
      }
      case '--force':
        opts.force = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return opts;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
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

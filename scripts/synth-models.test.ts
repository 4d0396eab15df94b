// Verifies `npm run models:synth` (the tensor classification it relies on:
// src/model/test-support/synthetic-plan.test.ts): byte layout of the shards, the non-learned constants, and
// that @tensorflow/tfjs (cpu backend) loads and runs the synthetic models on a real photo with a
// softmax that is neither one-hot nor uniform. Needs the fixtures (genuine topologies, a photo):
// without them it skips with the fixtures line, or fails under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_INIT_VERSION } from '../src/model/synthetic-init.ts';
import { entropyNats, SYNTHETIC_ENTROPY_TARGET } from '../src/model/test-support/synthetic-entropy.ts';
import { graphModelFromMemory, graphProbabilities } from '../src/model/graph-model.ts';
import { loadPhotoTensorData } from './lib/node-image.ts';
import { REFERENCE_NORMALIZATION, SHARD_BYTES, weightBytes, type ConvertedModelJson as ModelJson } from '../src/model/model-json.ts';
import { readModelDir, readModelJson } from '../src/model/test-support/node-model-io.ts';
import { findPhoto, fixtureSkipReason, topologyDir, topologyPath } from '../test-support/fixtures.ts';
import { VARIANT_NAMES } from '../src/scaling/variants.ts';
import { buildSyntheticModel } from '../src/model/test-support/synthetic-export.ts';
import { writeSyntheticModel } from './lib/synth-weights.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const missing = fixtureSkipReason({ topologies: true, photos: ['panda.jpg'] });
const topologies = topologyDir() ?? '';
const photo = findPhoto('panda.jpg') ?? '';
if (missing) console.warn(`synth-models.test: skipped, ${missing}`);

const SEED = 1234;

/** Decode the shards of a model folder independently of tfjs: name → values. */
function decodeShards(dir: string): Map<string, Float32Array | Int32Array> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const out = new Map<string, Float32Array | Int32Array>();
  for (const group of json.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let off = 0;
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const values = w.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) {
        values[i] = w.dtype === 'int32' ? view.getInt32(off + 4 * i, true) : view.getFloat32(off + 4 * i, true);
      }
      out.set(w.name, values);
      off += 4 * n;
    }
    expect(off).toBe(bytes.length);
  }
  return out;
}

function sha256(dir: string, paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(readFileSync(join(dir, p)));
  return h.digest('hex');
}

describe.skipIf(missing !== null)('models:synth', () => {
  let out = '';
  const sources = new Map<string, ModelJson>();

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'synth-models-'));
    for (const v of VARIANT_NAMES) sources.set(v, readModelJson(topologyPath(topologies, v)));
    for (const v of ['B0', 'B1']) {
      await writeSyntheticModel(sources.get(v)!, join(out, v), { seed: SEED });
    }
    await tf.setBackend('cpu');
    await tf.ready();
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  describe.each(['B0', 'B1'])('%s on disk', (v) => {
    it('has the converter layout: manifest shards of 4 MiB, all but the last full', () => {
      const src = sources.get(v)!;
      const dir = join(out, v);
      for (const group of src.weightsManifest) {
        const total = group.weights.reduce((a, w) => a + weightBytes(w), 0);
        expect(group.paths.length).toBe(Math.ceil(total / SHARD_BYTES));
        const sizes = group.paths.map((p) => statSync(join(dir, p)).size);
        expect(sizes.slice(0, -1).every((s) => s === SHARD_BYTES)).toBe(true);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
        expect(group.paths.every((p) => /^group1-shard\d+of\d+\.bin$/.test(p))).toBe(true);
      }
    });

    it('keeps the genuine model.json and adds the synthetic metadata', () => {
      const src = sources.get(v)!;
      const json = JSON.parse(readFileSync(join(out, v, 'model.json'), 'utf8')) as ModelJson;
      expect(json.modelTopology).toEqual(src.modelTopology);
      expect(json.weightsManifest).toEqual(src.weightsManifest);
      expect(json.signature).toEqual(src.signature);
      expect(json.format).toBe('graph-model');
      expect(json.userDefinedMetadata).toEqual({
        synthetic: true,
        seed: SEED,
        generator: 'efficientnet-phi-lab models:synth',
        note: 'seeded random weights: predictions meaningless, latency real',
        initVersion: SYNTHETIC_INIT_VERSION,
      });
    });

    it('holds the README values of the non-learned constants', () => {
      const src = sources.get(v)!;
      const w = decodeShards(join(out, v));
      const byNode = new Map(src.modelTopology.node.map((n) => [n.name, n]));
      const mul = src.modelTopology.node.find((n) => n.op === 'Mul' && n.input?.includes('image_input'))!;
      const scale = mul.input!.find((i) => i !== 'image_input')!;
      expect(Array.from(w.get(scale)!)).toEqual([255]);
      const sub = src.modelTopology.node.find((n) => n.op === 'Sub' && n.input?.[0] === mul.name)!;
      const meanConst = byNode.get(sub.input![1])!.input![0];
      expect(Array.from(w.get(meanConst)!)).toEqual(Array.from(Float32Array.from(REFERENCE_NORMALIZATION.mean)));
      const div = src.modelTopology.node.find((n) => n.op === 'RealDiv' && n.input?.[0] === sub.name)!;
      const stdConst = byNode.get(div.input![1])!.input![0];
      expect(Array.from(w.get(stdConst)!)).toEqual(Array.from(Float32Array.from(REFERENCE_NORMALIZATION.std)));
      expect(w.get(meanConst)).toBeInstanceOf(Float32Array);

      const int = (suffix: string) => {
        const names = [...w.keys()].filter((n) => n.endsWith(suffix));
        expect(names.length, suffix).toBeGreaterThan(0);
        return names.map((n) => {
          expect(w.get(n)).toBeInstanceOf(Int32Array);
          return Array.from(w.get(n)!);
        });
      };
      expect(int('se_reshape/strided_slice/stack')).toEqual([[0]]);
      expect(int('se_reshape/strided_slice/stack_1')).toEqual([[1]]);
      expect(int('se_reshape/Reshape/shape/1')).toEqual([[1]]);
      expect(int('se_squeeze/Mean/reduction_indices')).toEqual([[1, 2]]);
      for (const name of [...w.keys()].filter((n) => n.endsWith('se_reshape/Reshape/shape/3'))) {
        // The block in the constant's name is one of its users: its se_reduce kernel's in-channels.
        const block = name.replace(/se_reshape\/Reshape\/shape\/3$/, '');
        const reduce = byNode.get(`${block}se_reduce_conv2d/BiasAdd`)!;
        const kernel = src.weightsManifest[0].weights.find((x) => x.name === reduce.input![1])!;
        expect(Array.from(w.get(name)!), name).toEqual([kernel.shape[2]]);
      }
    });

    it('holds finite random values of the intended scale', () => {
      const w = decodeShards(join(out, v));
      for (const values of w.values()) expect(values.every(Number.isFinite)).toBe(true);
      const dense = [...w.entries()].find(([, x]) => x.length === 1280 * 1000)![1];
      let q = 0;
      for (const x of dense) q += x * x;
      expect(Math.sqrt(q / dense.length)).toBeGreaterThan(0.01);
    });
  });

  it('is deterministic, seed-dependent, and skips complete models unless forced', async () => {
    const src = sources.get('B0')!;
    const paths = src.weightsManifest[0].paths;
    const again = join(out, 'again');
    const r1 = await writeSyntheticModel(src, again, { seed: SEED });
    expect(r1.skipped).toBe(false);
    expect(sha256(again, paths)).toBe(sha256(join(out, 'B0'), paths));
    const r2 = await writeSyntheticModel(src, again, { seed: SEED });
    expect(r2.skipped).toBe(true);
    const r3 = await writeSyntheticModel(src, again, { seed: SEED, force: true });
    expect(r3.skipped).toBe(false);
    const other = await writeSyntheticModel(src, again, { seed: SEED + 1 });
    expect(other.skipped).toBe(false);
    expect(sha256(again, paths)).not.toBe(sha256(join(out, 'B0'), paths));
    // A truncated shard makes the model incomplete again.
    rmSync(join(again, paths[2]));
    expect((await writeSyntheticModel(src, again, { seed: SEED + 1 })).skipped).toBe(false);
  });

  it('the CLI writes a variant and rejects bad arguments', () => {
    const cliOut = join(out, 'cli');
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const stdout = execFileSync(tsx, ['scripts/synth-models.ts', '--variants', 'B0', '--out', cliOut, '--seed', '99'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(stdout).toMatch(/B0: wrote/);
    const json = JSON.parse(readFileSync(join(cliOut, 'B0/model.json'), 'utf8')) as ModelJson;
    expect(json.userDefinedMetadata?.seed).toBe(99);
    expect(existsSync(join(cliOut, 'B1'))).toBe(false);
    const again = execFileSync(tsx, ['scripts/synth-models.ts', '--variants', 'B0', '--out', cliOut, '--seed', '99'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(again).toMatch(/B0: up to date/);
    const bad = spawnSync(tsx, ['scripts/synth-models.ts', '--variants', 'B9', '--out', cliOut], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown variant/);
    // --dtype float16: tfjs's float16 quantization records, half the bytes, shards cut at 4 MiB.
    const half = join(out, 'half');
    execFileSync(tsx, ['scripts/synth-models.ts', '--variants', 'B0', '--out', half, '--seed', '99', '--dtype', 'float16'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const hj = JSON.parse(readFileSync(join(half, 'B0/model.json'), 'utf8')) as ModelJson;
    const learned = hj.weightsManifest[0].weights.filter((w) => w.dtype === 'float32');
    expect(learned.every((w) => JSON.stringify(w.quantization) === '{"dtype":"float16","original_dtype":"float32"}')).toBe(true);
    const size = (dir: string, j: ModelJson) => j.weightsManifest[0].paths.reduce((a, p) => a + statSync(join(dir, p)).size, 0);
    expect(size(join(half, 'B0'), hj) / size(join(cliOut, 'B0'), json)).toBeLessThanOrEqual(0.55);
    const f8 = spawnSync(tsx, ['scripts/synth-models.ts', '--variants', 'B0', '--out', half, '--dtype', 'float8'], { cwd: repoRoot, encoding: 'utf8' });
    expect(f8.status).toBe(1);
    expect(f8.stderr).toMatch(/--dtype must be float32 or float16/);
  });

  const checkPrediction = (probs: Float32Array) => {
    expect(probs.length).toBe(1000);
    expect(probs.every(Number.isFinite)).toBe(true);
    expect(probs.every((p) => p >= 0)).toBe(true);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    const h = entropyNats(probs);
    const top1 = Math.max(...probs);
    console.log(`    entropy ${h.toFixed(3)} nats, top-1 ${top1.toFixed(3)} (class ${probs.indexOf(top1)})`);
    expect(h).toBeGreaterThan(SYNTHETIC_ENTROPY_TARGET.min);
    expect(h).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.max);
    expect(top1).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.maxTop1);
    return h;
  };

  it('tf.loadGraphModel (cpu) runs B0 at 224 px on a real photo', async () => {
    expect(tf.getBackend()).toBe('cpu');
    const { modelJson, weightData } = readModelDir(join(out, 'B0'));
    expect(modelJson.userDefinedMetadata).toMatchObject({ synthetic: true, seed: SEED });
    const model = await graphModelFromMemory(modelJson, weightData);
    try {
      expect(model.inputs[0].name).toBe('image_input');
      const h = checkPrediction(await graphProbabilities(model, loadPhotoTensorData(photo, 224), 224));
      expect(h).toBeGreaterThan(SYNTHETIC_ENTROPY_TARGET.typicalMin);
      expect(h).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.typicalMax);
    } finally {
      model.dispose();
    }
  });

  it('tf.loadGraphModel (cpu) runs B1 at 128 px on a real photo', async () => {
    const b1 = readModelDir(join(out, 'B1'));
    const model = await graphModelFromMemory(b1.modelJson, b1.weightData);
    try {
      checkPrediction(await graphProbabilities(model, loadPhotoTensorData(photo, 128), 128));
    } finally {
      model.dispose();
    }
  });

  // Opt-in (slow on the cpu backend, ~1 min): SYNTH_ALL_VARIANTS=1 npx vitest run scripts/synth-models.test.ts
  it.runIf(process.env.SYNTH_ALL_VARIANTS === '1').each([...VARIANT_NAMES])(
    '%s at 96 px (built in memory) has an entropy in the typical band',
    { timeout: 300_000 },
    async (v) => {
      const { modelJson, weightData } = await buildSyntheticModel(sources.get(v)!, { seed: SEED });
      const model = await graphModelFromMemory(modelJson, weightData);
      try {
        const h = checkPrediction(await graphProbabilities(model, loadPhotoTensorData(photo, 96), 96));
        expect(h).toBeGreaterThan(SYNTHETIC_ENTROPY_TARGET.typicalMin);
        expect(h).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.typicalMax);
      } finally {
        model.dispose();
      }
    },
  );
});

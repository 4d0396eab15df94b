// npm run models:onnx -- --variant B0 [--weights real|synthetic] [--models DIR] [--out FILE]
// npm run models:onnx -- --phi 2.5 [--seed N] [--out FILE]
//
// Writes the ONNX model of an official variant with its converted weights (real ones from
// public/models/Bk or --models DIR; synthetic ones from synthetic-models/Bk or built from the
// genuine topology in ../shared), or of the formula network at φ with seeded random weights (the
// same network the app's "formula network" runs). Same exporter as the app's Export ONNX button.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bindArtifacts } from '../src/model/bind.ts';
import type { EfficientNetWeights } from '../src/model/weights.ts';
import { exportOnnx, onnxFileName, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from '../src/model/onnx-export.ts';
import { randomWeights } from '../src/model/random-weights.ts';
import { FORMULA_SEED } from '../src/model/synthetic-init.ts';
import { formulaNetwork, officialNetwork, parseVariantName, MAX_PHI, MIN_PHI, type NetworkConfig } from '../src/scaling/index.ts';
import { readModelJson, readWeightData } from '../src/model/test-support/node-model-io.ts';
import { REPO_ROOT } from '../src/model/test-support/node-backend.ts';
import { syntheticArtifacts } from '../src/model/test-support/parity-models.ts';

const USAGE = `Usage: npm run models:onnx -- (--variant Bk | --phi X) [options]
  --variant  B0…B7: the official variant with converted weights
  --phi      any φ in ${MIN_PHI}…${MAX_PHI}: the formula network with seeded random weights (wins over --variant)
  --weights  real (default: public/models/Bk or --models DIR) | synthetic (synthetic-models/Bk or ../shared)
  --models   folder holding Bk/model.json for real weights (default: public/models)
  --seed     seed of the formula network's random weights (default ${FORMULA_SEED}, as in the app)
  --out      output file (default: onnx-models/effnet-Bk.onnx or effnet-phiX.XX.onnx)`;

function fail(message: string): never {
  console.error(`models:onnx: ${message}`);
  process.exit(1);
}

async function officialWeights(k: number, weights: string, modelsDir: string, config: NetworkConfig): Promise<EfficientNetWeights> {
  if (weights === 'synthetic') {
    const a = await syntheticArtifacts(k);
    if (!a) fail(`no synthetic B${k}: run npm run models:synth, or keep ../shared/models/efficientnet-tfhub beside the repository`);
    return bindArtifacts(a, config);
  }
  const dir = join(modelsDir, `B${k}`);
  let json;
  try {
    json = readModelJson(join(dir, 'model.json'));
  } catch (e) {
    fail(`cannot read real weights from ${dir}/model.json (${(e as Error).message}); run npm run models:fetch, pass --models DIR, or use --weights synthetic`);
  }
  return bindArtifacts({ modelJson: json, weightData: readWeightData(dir, json) }, config);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        variant: { type: 'string' },
        phi: { type: 'string' },
        weights: { type: 'string', default: 'real' },
        models: { type: 'string', default: join(REPO_ROOT, 'public', 'models') },
        seed: { type: 'string', default: String(FORMULA_SEED) },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) return console.log(USAGE);
  if (args.weights !== 'real' && args.weights !== 'synthetic') fail(`--weights must be real or synthetic, got ${args.weights}`);
  const seed = Number(args.seed);
  if (!/^\d+$/.test(args.seed) || !Number.isSafeInteger(seed)) fail(`--seed must be a non-negative integer, got ${args.seed}`);
  await tf.setBackend('cpu');

  let config: NetworkConfig;
  let weights: EfficientNetWeights;
  if (args.phi !== undefined) {
    const phi = Number(args.phi);
    if (!Number.isFinite(phi) || phi < MIN_PHI || phi > MAX_PHI) fail(`--phi must be a number in ${MIN_PHI}…${MAX_PHI}, got ${args.phi}`);
    if (args.variant) console.log(`models:onnx: --phi given, so the formula network at φ ${phi} is exported (not ${args.variant})`);
    config = formulaNetwork(phi);
    weights = randomWeights(config, seed);
  } else if (args.variant !== undefined) {
    const k = parseVariantName(args.variant.toUpperCase(), { bare: true });
    if (k === null) fail(`unknown variant ${args.variant}; use B0…B7`);
    config = officialNetwork(k);
    weights = await officialWeights(k, args.weights, resolve(args.models), config);
  } else {
    fail(`give --variant or --phi\n${USAGE}`);
  }

  const t0 = performance.now();
  const onnx = await exportOnnx(config, weights);
  const out = resolve(args.out ?? join(REPO_ROOT, 'onnx-models', onnxFileName(config)));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, onnx.bytes);
  console.log(
    `models:onnx: wrote ${relative(process.cwd(), out)} (${(onnx.bytes.length / 1e6).toFixed(1)} MB, ${onnx.nodes} nodes, ${(performance.now() - t0).toFixed(0)} ms)\n` +
      `  input "${ONNX_INPUT_NAME}": float32 [batch, ${config.resolution}, ${config.resolution}, 3] RGB in [0, 1] (NHWC); ` +
      `output "${ONNX_OUTPUT_NAME}": float32 [batch, ${config.numClasses}] softmax`,
  );
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));

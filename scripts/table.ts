// Prints B0–B7 and the formula networks at φ = 0…7. Thin on purpose: every number comes from
// src/scaling. `npm run -s table` → aligned text; `npm run -s table -- --json` → JSON array only.
import { parseArgs } from 'node:util';
import { formulaNetwork, OFFICIAL_VARIANTS, officialNetwork, type NetworkConfig } from '../src/scaling/index';

const official = OFFICIAL_VARIANTS.map((v) => officialNetwork(v.index));
const formula = Array.from({ length: 8 }, (_, phi) => formulaNetwork(phi));

function toJson(n: NetworkConfig) {
  const paper = n.official ? OFFICIAL_VARIANTS[n.phi] : undefined;
  return {
    name: n.name,
    phi: n.phi,
    official: n.official,
    width: n.width,
    depth: n.depth,
    resolution: n.resolution,
    dropout: n.dropout,
    params: n.params,
    flops: n.flops,
    blocks: n.totalBlocks,
    stemChannels: n.stemChannels,
    headChannels: n.headChannels,
    ...(paper ? { paperTop1: paper.paperTop1, paperFlops: paper.paperFlops, paperParams: paper.paperParams } : {}),
    stages: n.stages.map(({ channels, repeats, kernel, stride, expand, featureSize }) => ({
      channels,
      repeats,
      kernel,
      stride,
      expand,
      featureSize,
    })),
  };
}

const COLUMNS = ['name', 'φ', 'width', 'depth', 'res', 'params', 'FLOPs(B)', 'paper FLOPs', 'blocks', 'head', 'top-1 %'];

function row(n: NetworkConfig): string[] {
  const paper = n.official ? OFFICIAL_VARIANTS[n.phi] : undefined;
  return [
    n.name,
    String(n.phi),
    n.width.toFixed(3),
    n.depth.toFixed(3),
    String(n.resolution),
    n.params.toLocaleString('en-US'),
    (n.flops / 1e9).toFixed(3),
    paper ? (paper.paperFlops / 1e9).toString() : '',
    String(n.totalBlocks),
    String(n.headChannels),
    paper ? paper.paperTop1.toFixed(1) : '',
  ];
}

function table(title: string, nets: NetworkConfig[]): string {
  const rows = [COLUMNS, ...nets.map(row)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  // Text left-aligned in the first column, numbers right-aligned elsewhere.
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, fmt(COLUMNS), rule, ...rows.slice(1).map(fmt)].join('\n');
}

let json: boolean | undefined;
try {
  json = parseArgs({ options: { json: { type: 'boolean' } } }).values.json;
} catch (e) {
  console.error(`table: ${(e as Error).message} (the one option is --json)`);
  process.exit(2);
}
if (json) {
  process.stdout.write(`${JSON.stringify([...official, ...formula].map(toJson), null, 2)}\n`);
} else {
  const lines = [
    table('Official EfficientNet B0–B7 (published coefficients; FLOPs = multiply-adds)', official),
    '',
    table('Compound-scaling formula: width 1.1^φ, depth 1.2^φ, resolution round(224·1.15^φ)', formula),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

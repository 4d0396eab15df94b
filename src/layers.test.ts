// The layer rule of ARCHITECTURE.md, checked on every import under src/ and scripts/: arrows point
// down (scaling < model, image < worker < store < ui), React lives in ui only, zustand in store and
// ui, the image layer is plain TS, nothing under src/ (tests and test-support included) imports
// scripts/, and scripts/ never reach into the UI.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Rank of each layer under src/; a file may import its own rank or lower. model and image are
 *  peers beside each other. main.tsx (the entry) sits on top. */
const RANK: Record<string, number> = { scaling: 0, model: 1, image: 1, worker: 2, store: 3, ui: 4, 'main.tsx': 5 };

/** npm packages a layer may import, beyond tfjs and the like: React only in ui (and the entry),
 *  zustand only where state lives. */
const PACKAGE_OWNERS: Record<string, string[]> = {
  react: ['ui', 'main.tsx'],
  'react-dom': ['ui', 'main.tsx'],
  recharts: ['ui'],
  zustand: ['store', 'ui'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Every module specifier in static imports, re-exports, side-effect imports and import(). */
export function importsOf(code: string): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1]);
  return [...found];
}

const posix = (p: string) => p.split(sep).join('/');

/** The layer of a path relative to the repository root: 'model', 'ui', 'main.tsx'…, or null. */
function layerOf(rel: string): string | null {
  const parts = posix(rel).split('/');
  return parts[0] === 'src' && parts.length > 1 ? parts[1] : null;
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

interface Edge {
  from: string;
  to: string;
}

function edges(dir: string): Edge[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map((spec) => ({
      from: posix(relative(ROOT, file)),
      to: spec.startsWith('.') ? posix(relative(ROOT, resolve(dirname(file), spec))) : spec,
    })),
  );
}

/** What is wrong with one import, or null. */
export function violation(e: Edge): string | null {
  const from = layerOf(e.from);
  if (e.from.startsWith('scripts/')) {
    return e.to.startsWith('src/ui/') ? `${e.from} imports ${e.to}: scripts may not import the UI` : null;
  }
  if (from === null || !(from in RANK)) return null;
  if (e.to.startsWith('src/')) {
    const to = layerOf(e.to);
    if (to !== null && to in RANK && RANK[to] > RANK[from]) return `${e.from} imports ${e.to}: ${from} may not import ${to} (upward)`;
    return null;
  }
  if (e.to.startsWith('scripts/')) return `${e.from} imports ${e.to}: src may not import scripts/`;
  const owners = PACKAGE_OWNERS[packageName(e.to)];
  if (owners && !owners.includes(from)) return `${e.from} imports ${e.to}: only ${owners.join(', ')} may import it`;
  return null;
}

describe('layer rule', () => {
  const all = [...edges('src'), ...edges('scripts')];

  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(importsOf(`import a from './a';\nexport { b } from "../b";\nimport './c';\nconst d = () => import('./d');`)).toEqual(['./a', '../b', './d', './c']);
  });

  it('no import crosses a layer upward, React/zustand stay in their layers, scripts skip the UI', () => {
    expect(all.map(violation).filter((v): v is string => v !== null)).toEqual([]);
  });

  it('flags the mistakes it is there for', () => {
    expect(violation({ from: 'src/model/x.ts', to: 'src/worker/protocol' })).toMatch(/model may not import worker/);
    expect(violation({ from: 'src/scaling/x.ts', to: 'src/model/stats' })).toMatch(/upward/);
    expect(violation({ from: 'src/image/x.ts', to: 'src/store/lab-store' })).toMatch(/upward/);
    expect(violation({ from: 'src/image/x.ts', to: 'react' })).toMatch(/only ui/);
    expect(violation({ from: 'src/worker/x.ts', to: 'zustand' })).toMatch(/only store, ui/);
    expect(violation({ from: 'scripts/x.ts', to: 'src/ui/bench/x' })).toMatch(/scripts may not import the UI/);
    expect(violation({ from: 'src/model/x.test.ts', to: 'scripts/lib/other' })).toMatch(/may not import scripts/);
    expect(violation({ from: 'src/model/test-support/x.ts', to: 'scripts/lib/other' })).toMatch(/may not import scripts/);
    expect(violation({ from: 'src/ui/x.tsx', to: 'src/scaling' })).toBeNull();
    expect(violation({ from: 'src/image/x.ts', to: 'src/model/preprocess' })).toBeNull();
  });
});

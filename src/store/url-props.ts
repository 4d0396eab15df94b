/** Every URL parameter in one table (as TF Playground's state.ts): its name, the view that reads it,
 *  its default, how it is read (with a notice for what is ignored) and written (defaults left out,
 *  so links stay short). Pure. */
import { kernelModeOf, KERNEL_MODES, type KernelMode } from '../model/kernels/plan';
import { BACKENDS, isBackendName, type BackendName } from '../model/backend-name';
import { baseProblem, clampPhi, MAX_PHI, MIN_PHI, PAPER_BASES, parseVariantName } from '../scaling';
import { BENCH_BACKENDS, benchThreadsOf, type BenchFlags } from '../worker/bench-protocol';
import { clampSlide, SLIDE_COUNT } from './deck';

export const VIEWS = ['lab', 'compare', 'teach', 'bench', 'evaluate'] as const;
export type View = (typeof VIEWS)[number];

/** Most networks one evaluation runs (the worker keeps three built; more would rebuild one a batch). */
export const MAX_EVAL_NETWORKS = 3;

/** To one decimal, the slider's step. */
export const roundPhi = (phi: number) => Math.round(phi * 10) / 10;

/** A value read from the query (absent: the default) and what was ignored, in words. */
type Read<T> = { value?: T; notice?: string };

interface Prop<T> {
  name: string;
  /** Who reads it: the shareable lab state (every view but the bench's run), the bench, or both. */
  view: 'lab' | 'bench' | 'both';
  default: T;
  parse(raw: string): Read<T>;
  /** '' or the default's text: left out. */
  serialize(value: T): string;
}

const prop = <T>(p: Prop<T>): Prop<T> => p;

/** A (whole) number, clamped into its range with a notice; anything else ignored with a notice. */
const clamped = (
  name: string,
  o: Pick<Prop<number>, 'default' | 'serialize'> & {
    whole: boolean;
    clamp: (v: number) => number;
    round?: (v: number) => number;
    ignored: (raw: string) => string;
    outside: (raw: string, value: number) => string;
  },
) =>
  prop<number>({
    name,
    view: 'lab',
    default: o.default,
    parse(raw) {
      const v = Number(raw);
      if (raw.trim() === '' || !(o.whole ? Number.isInteger(v) : Number.isFinite(v))) return { notice: o.ignored(raw) };
      const inRange = o.clamp(v);
      const value = o.round ? o.round(inRange) : inRange;
      return { value, notice: inRange !== v ? o.outside(raw, value) : undefined };
    },
    serialize: o.serialize,
  });

/** ?compare= and ?eval=: `min`–`max` distinct of B0–B7, the valid part kept when there are enough. */
const variantList = (name: string, defaults: number[], min: number, max: number) =>
  prop<number[]>({
    name,
    view: 'lab',
    default: defaults,
    parse(raw) {
      const picked = [...new Set(raw.split(',').map((s) => s.trim().toUpperCase()))].map((s) => parseVariantName(s) ?? NaN);
      const all = picked.filter((k) => Number.isInteger(k)).sort((a, b) => a - b);
      const valid = all.slice(0, max);
      const clean = all.length === picked.length && all.length <= max;
      const notice = !clean || valid.length < min ? `Ignored part of ${name} "${raw}": pick ${min}–${max} of B0–B7` : undefined;
      return valid.length >= min ? { value: valid, notice } : { notice };
    },
    serialize: (v) => v.map((k) => `B${k}`).join(','),
  });

/** A text value, absent (null) unless the query sets it. */
const optional = <T extends string>(name: string, view: Prop<T>['view'], parse: (raw: string) => Read<T | null>) =>
  prop<T | null>({ name, view, default: null, parse, serialize: (v) => v ?? '' });

/** One of `choices`, else ignored with a notice naming them. */
const oneOf = <T extends string, D extends T | null = null>(name: string, choices: readonly T[], view: Prop<T>['view'], fallback = null as D) =>
  prop<T | D>({
    name,
    view,
    default: fallback,
    parse: (raw) =>
      (choices as readonly string[]).includes(raw) ? { value: raw as T } : { notice: `Ignored ${name} "${raw}": use one of ${choices.join(', ')}` },
    serialize: (v) => v ?? '',
  });

const onOff = (name: string, view: Prop<boolean>['view']) =>
  prop<boolean>({ name, view, default: false, parse: (raw) => ({ value: raw === '1' || raw === 'true' }), serialize: (v) => (v ? '1' : '') });

/** ?alpha=&beta=&gamma=: each in [1, 2]; a bad one keeps the paper's value with a notice. */
const base = (name: 'alpha' | 'beta' | 'gamma') =>
  prop<number>({
    name,
    view: 'lab',
    default: PAPER_BASES[name],
    parse(raw) {
      const problem = baseProblem(name, raw.trim() === '' ? NaN : Number(raw));
      return problem ? { notice: `Ignored ${name} "${raw}": ${problem}` } : { value: Number(raw) };
    },
    serialize: (v) => String(Number(v.toFixed(4))),
  });

/** A comma list of which only the valid entries count; none valid: the default. */
const list = <T>(name: string, defaults: T[], item: (s: string) => T | null, write: (t: T) => string, order?: (a: T, b: T) => number) =>
  prop<T[]>({
    name,
    view: 'bench',
    default: defaults,
    parse(raw) {
      const items = [...new Set(raw.split(',').map((s) => item(s.trim())))].filter((k): k is T => k !== null);
      return items.length ? { value: order ? items.sort(order) : items } : {};
    },
    serialize: (v) => v.map(write).join(','),
  });

/** "A=1,B=true" → { A: 1, B: true }; malformed entries are dropped. */
export function parseFlags(raw: string): BenchFlags {
  const flags: BenchFlags = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) continue;
    const v = m[2];
    flags[m[1]] = v === 'true' ? true : v === 'false' ? false : Number(v);
    if (typeof flags[m[1]] === 'number' && !Number.isFinite(flags[m[1]])) delete flags[m[1]];
  }
  return flags;
}

/** In the order links are written. */
export const URL_PROPS = {
  phi: clamped('phi', {
    default: 0,
    whole: false,
    clamp: clampPhi,
    round: roundPhi,
    ignored: (raw) => `Ignored φ "${raw}": not a number`,
    outside: (raw, value) => `φ ${raw} is outside ${MIN_PHI}–${MAX_PHI}; clamped to ${value}`,
    serialize: (v) => roundPhi(v).toFixed(1),
  }),
  view: oneOf<View, View>('view', VIEWS, 'lab', 'lab'),
  compare: variantList('compare', [0, 1], 2, 8),
  evaluate: variantList('eval', [0, 1], 1, MAX_EVAL_NETWORKS),
  backend: oneOf<BackendName>('backend', BACKENDS, 'lab'),
  models: optional<string>('models', 'lab', (raw) => {
    const ignored = { notice: `Ignored model source "${raw}": only http(s) URLs are allowed` };
    try {
      const u = new URL(raw);
      return u.protocol === 'http:' || u.protocol === 'https:' ? { value: u.href.replace(/\/?$/, '/') } : ignored;
    } catch {
      return ignored;
    }
  }),
  present: onOff('present', 'lab'),
  /** The presentation deck's slide, 1-based (written only while presenting: url-state). */
  slide: clamped('slide', {
    default: 1,
    whole: true,
    clamp: clampSlide,
    ignored: (raw) => `Ignored slide "${raw}": not a whole number`,
    outside: (raw, value) => `Slide ${raw} is outside 1–${SLIDE_COUNT}; showing ${value}`,
    serialize: String,
  }),
  formula: onOff('formula', 'lab'),
  weights: optional<'random'>('weights', 'lab', (raw) =>
    raw === 'random' ? { value: 'random' } : { notice: `Ignored weights "${raw}": the only choice is weights=random` },
  ),
  // `fused` is the barrier-free kernels' earlier name, still read from old links.
  kernels: optional<KernelMode>('kernels', 'both', (raw) => {
    const mode = kernelModeOf(raw);
    return mode ? { value: mode } : { notice: `Ignored kernels "${raw}": use one of ${KERNEL_MODES.join(', ')}` };
  }),
  alpha: base('alpha'),
  beta: base('beta'),
  gamma: base('gamma'),
  auto: onOff('auto', 'bench'),
  backends: list<BackendName>('backends', [...BENCH_BACKENDS], (s) => (isBackendName(s) ? s : null), String),
  variants: list<number>(
    'variants',
    [0, 1],
    (s) => parseVariantName(s, { bare: true }),
    (k) => `B${k}`,
    (a, b) => a - b,
  ),
  runs: prop<number>({
    name: 'runs',
    view: 'bench',
    default: 5,
    parse: (raw) => (Number.isInteger(Number(raw)) && Number(raw) >= 1 ? { value: Math.min(Number(raw), 200) } : {}),
    serialize: String,
  }),
  /** wasm thread counts to bench, one pass each (none: the app's rule, min(cores, 8)). */
  threads: list<number>('threads', [], benchThreadsOf, String),
  flags: prop<BenchFlags | null>({
    name: 'flags',
    view: 'bench',
    default: null,
    parse: (raw) => {
      const flags = parseFlags(raw);
      return Object.keys(flags).length ? { value: flags } : {};
    },
    serialize: (v) => Array.from(Object.entries(v ?? {}), ([k, x]) => `${k}=${String(x)}`).join(','),
  }),
  /** The scripting surface in production builds (main.tsx). */
  debug: onOff('debug', 'both'),
};

type Props = typeof URL_PROPS;
export type UrlValues = { [K in keyof Props]: Props[K] extends Prop<infer T> ? T : never };
type Key = keyof Props;
const KEYS = Object.keys(URL_PROPS) as Key[];
const entry = (k: Key) => URL_PROPS[k] as Prop<unknown>;
const copy = <T>(v: T): T => (Array.isArray(v) ? ([...(v as unknown[])] as T) : v);

/** Every property from the query (the default where absent or invalid), and the notices of the
 *  properties `view` reads. */
export function readUrl(search: string, view: 'lab' | 'bench'): { values: UrlValues; notices: string[] } {
  const q = new URLSearchParams(search);
  const values = {} as Record<Key, unknown>;
  const notices: string[] = [];
  for (const k of KEYS) {
    const p = entry(k);
    const raw = q.get(p.name);
    const read = raw === null ? {} : p.parse(raw);
    if (read.notice && (p.view === view || p.view === 'both')) notices.push(read.notice);
    values[k] = 'value' in read ? read.value : copy(p.default);
  }
  return { values: values as UrlValues, notices };
}

/** The query string for `values`: the properties given that differ from their default. */
export function writeUrl(values: Partial<UrlValues>): string {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    const p = entry(k);
    if (!(k in values)) continue;
    const text = p.serialize(values[k]);
    if (text !== '' && text !== p.serialize(p.default)) q.set(p.name, text);
  }
  const str = q.toString();
  return str ? `?${str}` : '';
}

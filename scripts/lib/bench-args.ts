/** Command-line options of `npm run bench` (pure, tested in scripts/lib/bench-cli.test.ts). */
import { parseArgs } from 'node:util';
import { parseFlags, writeUrl } from '../../src/store/url-props.ts';
import { kernelModeOf, KERNEL_MODES, type KernelMode } from '../../src/model/kernels/plan.ts';
import { isBackendName, type BackendName } from '../../src/model/backend-name.ts';
import { parseVariantName } from '../../src/scaling/variants.ts';
import { BENCH_BACKENDS, benchThreadsOf, MAX_BENCH_THREADS, type BenchFlags } from '../../src/worker/bench-protocol.ts';

export interface BenchOptions {
  backends: BackendName[];
  variants: number[];
  runs: number;
  json: boolean;
  /** true: always build, false: never, null: build when dist/ is older than the sources. */
  build: boolean | null;
  flags: BenchFlags | null;
  timeoutS: number;
  out: string | null;
  headed: boolean;
  /** WebGPU kernels: auto (tuned per device), barrier-free (alias fused), tiled or stock. */
  kernels: KernelMode;
  /** wasm thread counts, one pass (worker, rows) each; empty: the app's rule, min(cores, 8). */
  threads: number[];
}

export const BENCH_USAGE = `Usage: npm run bench -- [options]
  --backends LIST   comma-separated webgpu,wasm,webgl,cpu (default: webgpu,wasm,webgl)
  --variants LIST   comma-separated B0…B7 (default: B0,B1)
  --runs N          timed runs per variant after the warm-up (default: 5)
  --json            print only the JSON report on stdout (logs go to stderr)
  --no-build        use dist/ as it is   (--build: always rebuild; default: rebuild when stale)
  --flags K=V,...   tfjs flags for every bench worker, e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=30
  --out FILE        also write the JSON report to FILE
  --timeout S       give up after S seconds (default: 1800)
  --headed          show the browser window
  --kernels MODE    WebGPU kernels: auto (tuned per device, default), barrier-free (alias fused), tiled, stock
  --threads LIST    wasm thread counts, e.g. 1,2: one pass and one row per variant each, same run
                    (1: the single-threaded SIMD build; default: the app's rule, min(cores, 8))`;

export class UsageError extends Error {}

const OPTIONS = {
  backends: { type: 'string' },
  variants: { type: 'string' },
  runs: { type: 'string' },
  json: { type: 'boolean' },
  build: { type: 'boolean' },
  flags: { type: 'string' },
  out: { type: 'string' },
  timeout: { type: 'string' },
  headed: { type: 'boolean' },
  kernels: { type: 'string' },
  threads: { type: 'string' },
} as const;

/** The comma list's entries, trimmed, empty ones dropped. */
export const entries = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

// allowNegative: --no-build (and --no-json, --no-headed: the defaults anyway).
const parseOptions = (argv: string[]) => parseArgs({ args: argv, options: OPTIONS, allowNegative: true }).values;

export function parseBenchArgs(argv: string[]): BenchOptions {
  let v: ReturnType<typeof parseOptions>;
  try {
    v = parseOptions(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const o: BenchOptions = {
    backends: [...BENCH_BACKENDS],
    variants: [0, 1],
    runs: 5,
    json: v.json ?? false,
    build: v.build ?? null,
    flags: null,
    timeoutS: 1800,
    out: v.out ?? null,
    headed: v.headed ?? false,
    kernels: 'auto',
    threads: [],
  };
  if (v.backends !== undefined) {
    const list = [...new Set(entries(v.backends.toLowerCase()))];
    const bad = list.filter((b) => !isBackendName(b));
    if (bad.length || !list.length) throw new UsageError(`unknown backend(s) ${bad.join(', ')}; use webgpu, wasm, webgl, cpu`);
    o.backends = list as BackendName[];
  }
  if (v.variants !== undefined) {
    const raw = entries(v.variants);
    const ks = raw.map((s) => parseVariantName(s, { bare: true }));
    if (!raw.length || ks.some((k) => k === null)) throw new UsageError(`bad --variants ${raw.join(',')}; use B0…B7`);
    o.variants = [...new Set(ks as number[])].sort((a, b) => a - b);
  }
  if (v.runs !== undefined) {
    const n = Number(v.runs);
    if (!Number.isInteger(n) || n < 1 || n > 200) throw new UsageError('--runs must be an integer in 1…200');
    o.runs = n;
  }
  if (v.timeout !== undefined) {
    const n = Number(v.timeout);
    if (!(n > 0)) throw new UsageError('--timeout must be a positive number of seconds');
    o.timeoutS = n;
  }
  if (v.flags !== undefined) {
    const f = parseFlags(v.flags);
    if (Object.keys(f).length !== entries(v.flags).length) throw new UsageError(`bad --flags ${v.flags}; use NAME=value,…`);
    o.flags = f;
  }
  if (v.kernels !== undefined) {
    const m = kernelModeOf(v.kernels);
    if (!m) throw new UsageError(`bad --kernels ${v.kernels}; use ${KERNEL_MODES.join(', ')}`);
    o.kernels = m;
  }
  if (v.threads !== undefined) {
    const ns = v.threads.split(',').map(benchThreadsOf);
    if (ns.some((n) => n === null)) throw new UsageError(`bad --threads ${v.threads}; use whole numbers in 1…${MAX_BENCH_THREADS}, e.g. 1,2`);
    o.threads = [...new Set(ns as number[])];
  }
  return o;
}

/** The bench page's query string for these options. */
export function benchQuery(o: Pick<BenchOptions, 'backends' | 'variants' | 'runs' | 'flags'> & { kernels?: KernelMode; threads?: number[] }): string {
  // backend=wasm: the lab engine runs one inference at start-up; on wasm it is short and compiles no shaders.
  const { backends, variants, runs } = o;
  return writeUrl({
    view: 'bench',
    backend: 'wasm',
    auto: true,
    backends,
    variants,
    runs,
    flags: o.flags ?? null,
    kernels: o.kernels === 'auto' ? null : (o.kernels ?? null),
    threads: o.threads ?? [],
  });
}

/** Command-line options of `npm run bench` (pure, tested in scripts/lib/bench-cli.test.ts). */
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

export function parseBenchArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    backends: [...BENCH_BACKENDS],
    variants: [0, 1],
    runs: 5,
    json: false,
    build: null,
    flags: null,
    timeoutS: 1800,
    out: null,
    headed: false,
    kernels: 'auto',
    threads: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = flag !== arg ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--backends': {
        const list = [
          ...new Set(
            value()
              .split(',')
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        const bad = list.filter((b) => !isBackendName(b));
        if (bad.length || !list.length) throw new UsageError(`unknown backend(s) ${bad.join(', ')}; use webgpu, wasm, webgl, cpu`);
        o.backends = list as BackendName[];
        break;
      }
      case '--variants': {
        const raw = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const ks = raw.map((s) => parseVariantName(s, { bare: true }));
        if (!raw.length || ks.some((k) => k === null)) throw new UsageError(`bad --variants ${raw.join(',')}; use B0…B7`);
        o.variants = [...new Set(ks as number[])].sort((a, b) => a - b);
        break;
      }
      case '--runs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 200) throw new UsageError('--runs must be an integer in 1…200');
        o.runs = n;
        break;
      }
      case '--timeout': {
        const n = Number(value());
        if (!(n > 0)) throw new UsageError('--timeout must be a positive number of seconds');
        o.timeoutS = n;
        break;
      }
      case '--flags': {
        const raw = value();
        const f = parseFlags(raw);
        if (Object.keys(f).length !== raw.split(',').filter((s) => s.trim()).length) throw new UsageError(`bad --flags ${raw}; use NAME=value,…`);
        o.flags = f;
        break;
      }
      case '--json':
        o.json = true;
        break;
      case '--build':
        o.build = true;
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--out':
        o.out = value();
        break;
      case '--kernels': {
        const raw = value();
        const m = kernelModeOf(raw);
        if (!m) throw new UsageError(`bad --kernels ${raw}; use ${KERNEL_MODES.join(', ')}`);
        o.kernels = m;
        break;
      }
      case '--threads': {
        const raw = value().split(',');
        const ns = raw.map(benchThreadsOf);
        if (ns.some((n) => n === null)) throw new UsageError(`bad --threads ${raw.join(',')}; use whole numbers in 1…${MAX_BENCH_THREADS}, e.g. 1,2`);
        o.threads = [...new Set(ns as number[])];
        break;
      }
      case '--headed':
        o.headed = true;
        break;
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
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

// The pure parts of the benchmark: CLI options, bench URL parameters, table/CSV output and the
// target checks.
import { describe, expect, it } from 'vitest';
import { benchQuery, parseBenchArgs, UsageError } from './bench-args';
import { checkTargets, toMarkdown } from './bench-report';
import { parseBenchParams, toCsv } from '../../src/store/bench-format';
import { benchPasses, type BenchReport, type BenchResult } from '../../src/worker/bench-protocol';

const result = (over: Partial<BenchResult> = {}): BenchResult => ({
  backend: 'webgpu',
  variant: 'B0',
  resolution: 224,
  loadNetworkMs: 300,
  loadCacheMs: 120,
  warmUpMs: 2000,
  firstMs: 900,
  medianMs: 400,
  p95Ms: 450,
  runs: 5,
  gflops: 1.95,
  matmulGflops: 10,
  gflopsRatio: 0.195,
  leakedTensors: 0,
  leakedAfterSwitch: 0,
  peakGpuBytes: 123_000_000,
  graphFirstMs: 3000,
  graphMedianMs: 600,
  ownOverGraph: 400 / 600,
  ...over,
});
/** A wasm row compared with ORT-web's wasm EP. */
const wasmResult = (over: Partial<BenchResult>) => result({ backend: 'wasm', ortEp: 'wasm', ortMaxAbsDiff: 1e-6, ...over });
/** Whether each target check of these rows holds, by what it checks. */
const verdicts = (rows: BenchResult[]) => Object.fromEntries(checkTargets(rows).map((c) => [c.what, c.ok]));

describe('bench CLI options', () => {
  it('has the documented defaults', () => {
    const o = parseBenchArgs([]);
    expect(o.backends).toEqual(['webgpu', 'wasm', 'webgl']);
    expect(o.variants).toEqual([0, 1]);
    expect(o.runs).toBe(5);
    expect(o.json).toBe(false);
    expect(o.build).toBeNull();
  });

  it('parses lists, numbers, flags and both --x=v and --x v forms', () => {
    const o = parseBenchArgs([
      '--json',
      '--variants',
      'b2,B0,2',
      '--backends=wasm,webgpu',
      '--runs=7',
      '--no-build',
      '--flags',
      'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=30,WEBGPU_CPU_FORWARD=false',
    ]);
    expect(o).toMatchObject({ json: true, variants: [0, 2], backends: ['wasm', 'webgpu'], runs: 7, build: false });
    expect(o.flags).toEqual({ WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 30, WEBGPU_CPU_FORWARD: false });
  });

  it('rejects bad input with a usage error', () => {
    for (const bad of [['--variants', 'B8'], ['--backends', 'metal'], ['--runs', '0'], ['--runs'], ['--what'], ['--flags', 'nope']]) {
      expect(() => parseBenchArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });

  it("--threads: wasm thread counts in the order given, each once; none by default (the app's rule)", () => {
    expect(parseBenchArgs([]).threads).toEqual([]);
    expect(parseBenchArgs(['--threads', '1,2,1']).threads).toEqual([1, 2]);
    expect(parseBenchArgs(['--threads=4']).threads).toEqual([4]);
    for (const bad of [['--threads', '0'], ['--threads', '1,x'], ['--threads', '2.5'], ['--threads', '17'], ['--threads', '1,'], ['--threads']]) {
      expect(() => parseBenchArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });

  it('--threads reaches the bench page and gives one wasm pass per count (other backends once)', () => {
    const o = parseBenchArgs(['--backends', 'webgpu,wasm', '--variants', 'B0', '--threads', '1,2']);
    expect(new URLSearchParams(benchQuery(o)).get('threads')).toBe('1,2');
    const p = parseBenchParams(benchQuery(o));
    expect(p.threads).toEqual([1, 2]);
    expect(benchPasses(p.backends, p.threads)).toEqual([{ backend: 'webgpu' }, { backend: 'wasm', threads: 1 }, { backend: 'wasm', threads: 2 }]);
    expect(benchPasses(['wasm', 'webgl'])).toEqual([{ backend: 'wasm' }, { backend: 'webgl' }]);
    expect(parseBenchParams(benchQuery(parseBenchArgs([]))).threads).toBeUndefined();
  });

  it('round-trips through the bench page URL', () => {
    const o = parseBenchArgs(['--variants', 'B1,B3', '--backends', 'wasm', '--runs', '9', '--flags', 'A_B=2']);
    const p = parseBenchParams(benchQuery(o));
    expect(p).toEqual({ auto: true, backends: ['wasm'], variants: [1, 3], runs: 9, flags: { A_B: 2 } });
    expect(new URLSearchParams(benchQuery(o)).get('debug')).toBeNull(); // no link starts it: the driver clicks Start
  });
});

describe('bench URL parameters', () => {
  it('falls back to the defaults for missing or invalid values', () => {
    expect(parseBenchParams('?view=bench')).toEqual({ auto: false, backends: ['webgpu', 'wasm', 'webgl'], variants: [0, 1], runs: 5 });
    expect(parseBenchParams('?backends=metal&variants=B9&runs=-1').runs).toBe(5);
  });
});

describe('bench output', () => {
  const report: BenchReport = {
    machine: { userAgent: 'UA', hardwareConcurrency: 2, adapter: 'google/swiftshader', tfjs: '4.22.0', crossOriginIsolated: true },
    results: [result(), result({ backend: 'webgl', graphMedianMs: undefined, ownOverGraph: undefined, graphFirstMs: undefined })],
  };

  it('renders one markdown row per result with dashes for what was not measured', () => {
    const md = toMarkdown(report).split('\n');
    expect(md).toHaveLength(4);
    expect(md[2]).toContain('| webgpu | B0 |');
    expect(md[2]).toContain('0.67');
    expect(md[3]).toContain('—');
  });

  it('writes a CSV with a header and raw values', () => {
    const lines = toCsv(report).trim().split('\n');
    expect(lines).toHaveLength(3);
    const header = lines[0].split(',');
    expect(header.slice(0, 2)).toEqual(['backend', 'variant']);
    expect(lines[1].split(',')[header.indexOf('medianMs')]).toBe('400');
    expect(lines[2].split(',')[header.indexOf('ownOverGraph')]).toBe('');
  });

  it('checks the speed targets on what was measured', () => {
    const byWhat = verdicts([result({ firstMs: 1300, medianMs: 400, ownOverGraph: 0.85 }), result({ backend: 'wasm', ownOverGraph: 0.97, leakedTensors: 2 })]);
    expect(byWhat['webgpu B0: own/graph median ≤ 0.8']).toBe(false);
    expect(byWhat['webgpu B0: first ≤ 3× steady']).toBe(false);
    expect(byWhat['wasm B0: own/graph median ≤ 1']).toBe(true);
    expect(byWhat['wasm B0: 0 tensors leaked (runs, switch)']).toBe(false);
    expect(byWhat['webgpu B0: cached weights ready < 1 s']).toBe(true);
  });

  it('wasm (issue 23): own ≤ 0.75× ORT-web at the same thread count, ≥ 2 threads, first ≤ 3× steady', () => {
    const byWhat = verdicts([
      wasmResult({ variant: 'B0', ownOverOrt: 0.7, ownThreads: 2, ortThreads: 2, firstMs: 100, medianMs: 40 }),
      wasmResult({ variant: 'B1', ownOverOrt: 0.8, ownThreads: 2, ortThreads: 1, firstMs: 130, medianMs: 40 }),
    ]);
    expect(byWhat['wasm B0: own/ORT-web (wasm) median ≤ 0.75']).toBe(true);
    expect(byWhat['wasm B1: own/ORT-web (wasm) median ≤ 0.75']).toBe(false);
    expect(byWhat['wasm B0: wasm threads ≥ 2 (ORT-web at the same count)']).toBe(true);
    expect(byWhat['wasm B1: wasm threads ≥ 2 (ORT-web at the same count)']).toBe(false);
    expect(byWhat['wasm B0: first ≤ 3× steady']).toBe(true);
    expect(byWhat['wasm B1: first ≤ 3× steady']).toBe(false);
    expect(byWhat["wasm B0: GFLOP/s beside the 1024² matMul's at 2 thread(s)"]).toBe(true);
  });

  it('wasm passes at asked thread counts: rows named by the count, threads checked against it, GFLOP/s beside the matMul', () => {
    const wasm = (over: Partial<BenchResult>) => wasmResult({ ownOverOrt: 0.7, ...over });
    const checks = checkTargets([
      wasm({ threadsAsked: 1, ownThreads: 1, ortThreads: 1, gflops: 1.5, matmulGflops: 20, gflopsRatio: 0.075 }),
      wasm({ threadsAsked: 2, ownThreads: 1, ortThreads: 1, matmulGflops: null, gflopsRatio: null }),
    ]);
    const byWhat = Object.fromEntries(checks.map((c) => [c.what, c]));
    expect(byWhat['wasm B0 ×1 threads: wasm threads as asked (ORT-web at the same count)'].ok).toBe(true);
    expect(byWhat['wasm B0 ×2 threads: wasm threads as asked (ORT-web at the same count)'].ok).toBe(false);
    expect(byWhat['wasm B0 ×1 threads: own/ORT-web (wasm) median ≤ 0.75'].ok).toBe(true);
    expect(byWhat["wasm B0 ×1 threads: GFLOP/s beside the 1024² matMul's at 1 thread(s)"]).toEqual(
      expect.objectContaining({ ok: true, value: '1.50 of 20.00 (0.07)' }),
    );
    expect(byWhat["wasm B0 ×2 threads: GFLOP/s beside the 1024² matMul's at 1 thread(s)"].ok).toBe(false);
    expect(checks.some((c) => c.what.includes('≥ 2'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { BenchRequest, BenchResult } from '../worker/bench-protocol';
import { runBench } from './bench-runner';

/** A bench worker that answers on its own: webgpu runs (B1 fails), wasm crashes on init. */
class ScriptedBenchWorker {
  posted: BenchRequest[] = [];
  terminated = false;
  backend = '';
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  private send = (data: object) => queueMicrotask(() => this.onmessage?.({ data } as MessageEvent));
  postMessage(req: BenchRequest) {
    this.posted.push(req);
    if (req.type === 'init') {
      this.backend = req.backend;
      if (req.backend === 'wasm') return queueMicrotask(() => this.onerror?.({ message: 'wasm trap', preventDefault: () => undefined } as ErrorEvent));
      return this.send({ type: 'ready', id: req.id, backend: req.backend, adapter: 'fake gpu', tfjs: '4.22.0', numTensors: 0 });
    }
    if (req.type === 'matmul') {
      this.send({ type: 'progress', id: req.id, stage: `${req.size}² matMul` });
      return this.send({ type: 'matmul', id: req.id, gflops: 100, medianMs: 2 });
    }
    if (req.job.variant === 1) return this.send({ type: 'error', id: req.id, message: 'out of memory' });
    this.send({ type: 'progress', id: req.id, stage: `B${req.job.variant} timed runs` });
    this.send({ type: 'result', id: req.id, result: { backend: this.backend, variant: `B${req.job.variant}`, matmulGflops: req.job.matmulGflops } });
  }
  terminate() {
    this.terminated = true;
  }
}

describe('runBench (the store drives the bench workers through the one RPC client)', () => {
  it('one worker per backend; a failed variant or backend is an error in the report and the rest still run', async () => {
    const workers: ScriptedBenchWorker[] = [];
    const stages: string[] = [];
    const streamed: string[] = [];
    const report = await runBench(
      { baseUrl: '/models/', backends: ['webgpu', 'wasm'], variants: [0, 1, 2], runs: 4 },
      (line) => stages.push(line),
      (r: BenchResult) => streamed.push(r.variant),
      () => {
        const w = new ScriptedBenchWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
    );
    expect(workers).toHaveLength(2);
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(workers[0].posted.map((r) => r.type)).toEqual(['init', 'matmul', 'variant', 'variant', 'variant']);
    expect(workers[0].posted[1]).toMatchObject({ size: 1024, runs: 4 });
    expect(streamed).toEqual(['B0', 'B2']);
    expect(report.results.map((r) => [r.backend, r.variant, r.matmulGflops])).toEqual([
      ['webgpu', 'B0', 100],
      ['webgpu', 'B2', 100],
    ]);
    expect(report.errors).toEqual(['webgpu B1: out of memory', 'wasm: The bench worker crashed: wasm trap']);
    expect(report.machine).toMatchObject({ adapter: 'fake gpu', tfjs: '4.22.0' });
    expect(report.settings).toEqual({ backends: ['webgpu', 'wasm'], variants: ['B0', 'B1', 'B2'], runs: 4 });
    expect(stages).toEqual(['webgpu: initialising', 'webgpu: 1024² matMul', 'webgpu: B0 timed runs', 'webgpu: B2 timed runs', 'wasm: initialising']);
  });
});

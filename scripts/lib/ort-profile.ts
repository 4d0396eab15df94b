/** ONNX Runtime Web's profiler in Node, for `npm run models:onnx-profile`: per-node kernel times
 *  of an exported network (session helpers: src/model/test-support/onnx-node.ts). */
import fs from 'node:fs';
import * as ort from 'onnxruntime-web';
import { ortProbabilities } from '../../src/model/test-support/onnx-node.ts';

export interface OrtProfileEvent {
  run: number;
  op: string;
  provider: string;
  ms: number;
}

/** Runs `runs` inferences with ORT's profiler on and returns its per-node events (ORT-web
 *  prints the profile with console.log at endProfiling: captured here) and each run's wall time. */
export async function ortSessionProfiled(
  bytes: Uint8Array,
  input: Float32Array,
  size: number,
  runs: number,
): Promise<{ events: OrtProfileEvent[]; wallMs: number[] }> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], enableProfiling: true });
  const wallMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await ortProbabilities(session, input, size);
    wallMs.push(performance.now() - t0);
  }
  // ORT's Emscripten glue prints the profile with fs.writeSync(1, …): catch it on the way out.
  const printed: string[] = [];
  const writeSync = fs.writeSync;
  fs.writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8');
    printed.push(text);
    return Buffer.byteLength(text);
  };
  try {
    session.endProfiling();
  } finally {
    fs.writeSync = writeSync;
  }
  await session.release();
  type Raw = { cat: string; name: string; dur: number; ts: number; args?: { op_name?: string; provider?: string } };
  const raw = (JSON.parse(printed.join('')) as Raw[]).filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time')).sort((a, b) => a.ts - b.ts);
  const perRun = raw.length / runs;
  const events = raw.map((e, i) => ({
    run: Math.floor(i / perRun),
    op: e.args?.op_name ?? '?',
    provider: (e.args?.provider ?? '?').replace('ExecutionProvider', ''),
    ms: e.dur / 1000,
  }));
  return { events, wallMs };
}

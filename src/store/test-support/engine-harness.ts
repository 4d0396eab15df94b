/** The engine's test harness: a worker client whose answers a test gives by hand, and the
 *  engine on a fresh app store around it. */
import type { Answer, SeriesEntry, WorkerRequest } from '../../worker/protocol';
import { createEngine, type EngineClient } from '../engine';
import { createAppStore } from '../app-store';
import { sliceStore } from '../slice-store';

export type Body = Omit<WorkerRequest, 'id'>;
export interface Sent {
  id: number;
  body: Body;
  hooks: { onProgress?: (p: Answer<'progress'>) => void };
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
  settled: boolean;
}

/** A worker client whose answers the test gives by hand; every request is recorded. */
export class FakeClient implements EngineClient {
  sent: Sent[] = [];
  cancelled: number[] = [];
  /** Files whose setImageFile the test answers by hand (a long decode in the worker). */
  heldFiles = new Set<string>();
  onRestart: EngineClient['onRestart'] = null;
  onUnsolicited: EngineClient['onUnsolicited'] = null;
  private nextId = 1;

  send = ((body: Body, _until: string[], hooks: Sent['hooks'] = {}) => {
    const id = this.nextId++;
    let s!: Sent;
    const done = new Promise((resolve, reject) => {
      s = { id, body, hooks, resolve, reject, settled: false };
    });
    this.sent.push(s);
    // Requests the tests do not script are answered at once.
    if (body.type === 'init') this.answer(s, { type: 'backend', id, backend: 'webgpu', reason: 'test', adapter: null });
    if (body.type === 'setImage') this.answer(s, { type: 'imageSet', id, width: 4, height: 3 });
    const file = body.type === 'setImageFile' ? (body as unknown as { file: File }).file : null;
    if (file && !this.heldFiles.has(file.name)) this.answer(s, { type: 'imageSet', id, width: 4, height: 3, display: file });
    return { id, done };
  }) as unknown as EngineClient['send'];

  cancel(target: number) {
    this.cancelled.push(target);
    const s = this.sent.find((x) => x.id === target);
    if (s && !s.settled) {
      s.settled = true;
      s.reject(new Error('cancelled'));
    }
  }

  answer(s: Sent, r: unknown) {
    s.settled = true;
    s.resolve(r);
  }

  open(type: Body['type']): Sent[] {
    return this.sent.filter((s) => s.body.type === type && !s.settled);
  }

  /** Answers the open classify request for model `key` (e.g. "B1"). */
  result(s: Sent, ms = 10) {
    const latency = { firstMs: 90, lastMs: ms, steadyMedianMs: ms, steadyP25Ms: ms, steadyP75Ms: ms, steadyRuns: 1, wasFirst: false };
    const memory = { numTensors: 1, numBytes: 1, gpuBytes: null };
    this.answer(s, {
      type: 'result',
      id: s.id,
      key: 'k',
      resolution: 224,
      imageName: null,
      top5: [{ index: 1, label: 'goldfish', prob: 0.9 }],
      latency,
      synthetic: true,
      memory,
    });
  }
}

export const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

export function setUp() {
  const client = new FakeClient();
  const store = createAppStore();
  const compare = sliceStore(store, 'comparison');
  const decode = async () => ({ bitmap: { width: 4, height: 3, close() {} } as unknown as ImageBitmap, display: new Blob(['<svg/>']) });
  const engine = createEngine({
    client,
    store,
    source: async () => ({ baseUrl: 'http://models/', kind: 'url' }),
    decode,
  });
  return { client, store, compare, engine };
}

export const variantOf = (s: Sent) => (s.body as unknown as { model: { variant: number } }).model.variant;

export function seriesEntry(ms: number[]): SeriesEntry {
  const sorted = [...ms].sort((a, b) => a - b);
  const latency = {
    firstMs: 500,
    lastMs: ms[ms.length - 1],
    steadyMedianMs: sorted[1],
    steadyP25Ms: sorted[0],
    steadyP75Ms: sorted[2],
    steadyRuns: 3,
    wasFirst: false,
  };
  return {
    ok: true,
    resolution: 224,
    imageName: 'cat.jpg',
    top5: [{ index: 281, label: 'tabby', prob: 0.7 }],
    latency,
    synthetic: true,
    memory: { numTensors: 1, numBytes: 1, gpuBytes: null },
    firstMs: 500,
    warmupMs: [120],
    times: ms,
    spread: { runs: 3, medianMs: sorted[1], p25Ms: sorted[0], p75Ms: sorted[2], minMs: sorted[0] },
  };
}

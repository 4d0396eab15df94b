import { describe, expect, it } from 'vitest';
import { RpcClient } from './rpc-client';
import { benchClient, inferenceClient } from './client';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** A worker the test answers by hand: every posted message is recorded. */
class FakeWorker {
  posted: { type: string; id: number; target?: number }[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(msg: { type: string; id: number }) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  answer(msg: object) {
    this.onmessage?.({ data: msg } as MessageEvent);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

function spawner() {
  const workers: FakeWorker[] = [];
  const spawn = () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  };
  return { workers, spawn };
}

const settled = <T>(p: Promise<T>) =>
  p.then(
    (v) => ({ value: v }),
    (e: Error) => ({ error: e.message }),
  );

describe('RpcClient (one typed client for every worker)', () => {
  it('numbers requests, routes progress and interim answers by id, resolves on the asked-for answer', async () => {
    const { workers, spawn } = spawner();
    const client = inferenceClient(spawn);
    const progress: string[] = [];
    const answers: string[] = [];
    const a = client.send({ type: 'classify', model: { kind: 'official', variant: 0, source: '/' } }, ['result'], {
      onProgress: (p) => progress.push(`${p.modelId}:${p.phase}:${p.loaded}`),
      onAnswer: (m) => answers.push(m.type),
    });
    const b = client.send({ type: 'memory' }, ['memory']);
    const [w] = workers;
    expect(w.posted.map((m) => [m.type, m.id])).toEqual([
      ['classify', 1],
      ['memory', 2],
    ]);
    w.answer({ type: 'progress', id: 1, modelId: 'B0', phase: 'download', loaded: 5, total: 10 });
    w.answer({ type: 'progress', id: 2, modelId: 'B9', phase: 'run', loaded: 0, total: 1 }); // b has no progress hook
    w.answer({ type: 'memory', id: 2, memory: { numTensors: 3, numBytes: 12, gpuBytes: null } });
    w.answer({ type: 'ready', id: 1, bytes: 10, fromCache: false, synthetic: false, precision: 'float32' });
    w.answer({ type: 'result', id: 1, top5: [] });
    expect(progress).toEqual(['B0:download:5']);
    expect(answers).toEqual(['ready', 'result']);
    expect((await a.done).type).toBe('result');
    expect(await b.done).toMatchObject({ type: 'memory', memory: { numTensors: 3 } });
  });

  it("rejects with the worker's error; drops answers to a cancelled request and asks the worker to abort it", async () => {
    const { workers, spawn } = spawner();
    const client = inferenceClient(spawn);
    const failing = client.send({ type: 'memory' }, ['memory']);
    const cancelled = client.send({ type: 'prefetch', model: { kind: 'official', variant: 1, source: '/' } }, ['prefetched']);
    const [w] = workers;
    w.answer({ type: 'error', id: 1, message: 'out of memory' });
    client.cancel(cancelled.id);
    w.answer({ type: 'prefetched', id: 2, bytes: 1, fromCache: false, stored: true });
    expect(await settled(failing.done)).toEqual({ error: 'out of memory' });
    expect(await settled(cancelled.done)).toEqual({ error: 'cancelled' });
    expect(w.posted.at(-1)).toEqual({ type: 'cancel', target: 2, id: 3 });
  });

  it('a crashed inference worker: every pending request rejects with the reason, a fresh worker takes the next request', async () => {
    const { workers, spawn } = spawner();
    const client = inferenceClient(spawn);
    const restarts: string[] = [];
    client.onRestart = (reason) => restarts.push(reason);
    const a = client.send({ type: 'memory' }, ['memory']);
    const b = client.send({ type: 'log' }, ['log']);
    workers[0].crash('boom');
    expect(await settled(a.done)).toEqual({ error: 'The inference worker crashed: boom; it was restarted, try again' });
    expect(await settled(b.done)).toEqual({ error: 'The inference worker crashed: boom; it was restarted, try again' });
    expect(restarts).toEqual(['The inference worker crashed: boom']);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    const c = client.send({ type: 'memory' }, ['memory']);
    expect(workers[1].posted).toEqual([{ type: 'memory', id: 3 }]);
    workers[1].answer({ type: 'memory', id: 3, memory: { numTensors: 1, numBytes: 4, gpuBytes: null } });
    expect((await c.done).memory.numTensors).toBe(1);
  });

  it('answers with id 0 go to onUnsolicited, never to a request', () => {
    const { workers, spawn } = spawner();
    const client = new RpcClient<WorkerRequest, WorkerResponse>(spawn, { name: 'inference', restart: true });
    const seen: string[] = [];
    client.onUnsolicited = (m) => seen.push(m.type);
    workers[0].answer({ type: 'backend', id: 0, backend: 'wasm', reason: 'device lost', adapter: null });
    expect(seen).toEqual(['backend']);
  });

  it('a crashed bench worker is not restarted: what waits rejects, and a bench worker without a cancel request posts none', async () => {
    const { workers, spawn } = spawner();
    const client = benchClient(spawn);
    const init = client.send({ type: 'init', backend: 'wasm' }, ['ready']);
    const mm = client.send({ type: 'matmul', size: 8, runs: 1 }, ['matmul']);
    client.cancel(mm.id);
    expect(await settled(mm.done)).toEqual({ error: 'cancelled' });
    expect(workers[0].posted.map((m) => m.type)).toEqual(['init', 'matmul']);
    workers[0].crash('');
    expect(await settled(init.done)).toEqual({ error: 'The bench worker crashed' });
    expect(workers).toHaveLength(1);
    // A request after the crash rejects with its reason (it would wait forever on the dead worker).
    expect(await settled(client.send({ type: 'matmul', size: 8, runs: 1 }, ['matmul']).done)).toEqual({ error: 'The bench worker crashed' });
    expect(workers[0].posted).toHaveLength(2);
  });
});

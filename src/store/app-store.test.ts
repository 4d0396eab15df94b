// State in one place (issue 21, item 6): one store of slices per app, nothing shared between two
// apps through a module, and a slice's store view touching only its slice.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { sliceStore } from './slice-store';
import { cancelEvaluation } from './evaluate';
import { gateSource, sourceQuestion, type ModelSource } from './source';

const O = 'https://lab.example';

describe('the app store', () => {
  it('composes every slice: the lab at the top, the runs under their own keys', () => {
    const s = createAppStore().getState();
    expect([s.status, s.phi, s.comparison.running, s.evaluation.runId, s.prepare.chosen, s.paperRuns.runs, s.accuracy.rows, s.cam.on]).toEqual([
      'starting',
      0,
      false,
      0,
      [0, 1, 2, 3],
      {},
      null,
      false,
    ]);
  });

  it("a slice's store writes and notifies only its slice; the rest of the state keeps its identity", () => {
    const store = createAppStore();
    const before = store.getState();
    const evaluation = sliceStore(store, 'evaluation');
    const seen: boolean[] = [];
    evaluation.subscribe((s) => seen.push(s.cancelled));
    store.getState().setPhi(1); // another slice: not seen
    evaluation.setState({ running: true });
    cancelEvaluation(evaluation);
    const after = store.getState();
    expect(seen).toEqual([false, true]);
    expect([after.evaluation.running, after.evaluation.cancelled, after.evaluation.runId]).toEqual([true, true, 0]);
    expect(after.comparison).toBe(before.comparison);
    expect(after.prepare).toBe(before.prepare);
    expect(after.phi).toBe(1);
  });

  it('two apps share nothing: runs, the prepare toggles and the bench auto-start are per store', () => {
    const [a, b] = [createAppStore(), createAppStore()];
    a.getState().prepare.toggle(5);
    a.getState().cam.set({ on: true });
    expect([a.getState().claimBenchAutoStart(), a.getState().claimBenchAutoStart(), b.getState().claimBenchAutoStart()]).toEqual([true, false, true]);
    expect([a.getState().prepare.chosen, b.getState().prepare.chosen]).toEqual([
      [0, 1, 2, 3, 5],
      [0, 1, 2, 3],
    ]);
    expect([a.getState().cam, b.getState().cam].map((c) => [c.on, c.opacity])).toEqual([
      [true, 0.55],
      [false, 0.55],
    ]);
  });

  it("two pending source questions: each answer reaches its own question only (it was one module's variable)", async () => {
    const src = (host: string): ModelSource => ({ baseUrl: `https://${host}/m/`, kind: 'url' });
    const [qa, qb] = [sourceQuestion(), sourceQuestion()];
    const settled: string[] = [];
    const a = gateSource(src('a.example'), () => {}, qa, O, null).then((s) => void settled.push(s.baseUrl));
    const b = gateSource(src('b.example'), () => {}, qb, O, null).then((s) => void settled.push(s.baseUrl));
    await Promise.resolve();
    qa.answer(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toEqual(['https://a.example/m/']);
    qb.answer(true);
    await Promise.all([a, b]);
    expect(settled).toEqual(['https://a.example/m/', 'https://b.example/m/']);
  });
});

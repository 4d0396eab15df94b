import { describe, expect, it } from 'vitest';
import type { ModelSpec, SeriesEntry } from '../worker/protocol';
import { timeRows, type MeasureSeries } from './series-pipeline';

const official = (variant: number): ModelSpec => ({ kind: 'official', variant, source: '/m/' });
const rows = [0, 3, 0].map((k) => ({ spec: official(k), label: `B${k}` }));
const ok = (medianMs: number) => ({ ok: true, spread: { medianMs } }) as unknown as SeriesEntry;

describe('timeRows (the one series pipeline)', () => {
  it("sends every row's network as one series and maps the worker's progress to each row showing that network", async () => {
    const phases: string[] = [];
    const asked: { specs: ModelSpec[]; runs: number; cam?: boolean }[] = [];
    const measure: MeasureSeries = async (specs, o) => {
      asked.push({ specs, runs: o.runs, cam: o.cam });
      o.onProgress?.({ type: 'progress', id: 1, modelId: 'B0@/m/', phase: 'download', loaded: 1, total: 2 });
      o.onProgress?.({ type: 'progress', id: 1, modelId: 'B3@/m/', phase: 'compile', loaded: 0, total: 1 });
      o.onProgress?.({ type: 'progress', id: 1, modelId: 'B7@/m/', phase: 'run', loaded: 0, total: 1 }); // no such row
      return [ok(10), { ok: false, error: 'B3 failed' }, ok(11)];
    };
    const out = await timeRows(measure, rows, { runs: 7, cam: true, onPhase: (i, p) => phases.push(`${i}:${p}`) });
    expect(asked).toEqual([{ specs: [official(0), official(3), official(0)], runs: 7, cam: true }]);
    expect(phases).toEqual(['0:loading', '2:loading', '1:running']);
    expect(out.map((e) => (e.ok ? e.spread.medianMs : e.error))).toEqual([10, 'B3 failed', 11]);
  });

  it('never rejects: a failed series fails every row with its reason, a missing answer says so', async () => {
    const failing: MeasureSeries = () => Promise.reject(new Error('The inference worker crashed'));
    expect(await timeRows(failing, rows, { runs: 1 })).toEqual(Array(3).fill({ ok: false, error: 'The inference worker crashed' }));
    const short: MeasureSeries = async () => [ok(5)];
    expect((await timeRows(short, rows, { runs: 1 })).map((e) => (e.ok ? 'ok' : e.error))).toEqual(['ok', 'no result', 'no result']);
  });
});

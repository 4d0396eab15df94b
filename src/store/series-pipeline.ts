/** The one pipeline of timed series: rows (networks) go through a MeasureSeries (the engine's: one
 *  `measure` request, interleaved rounds in src/worker/classify-image.ts, while it holds every other
 *  piece of work) and come back as one outcome per row. */
import { modelIdOf, type ModelSpec, type SeriesEntry, type Answer } from '../worker/protocol';

/** The worker's timed series of `specs`: one entry per spec, in order. */
export type MeasureSeries = (specs: ModelSpec[], o: { runs: number; cam?: boolean; onProgress?: (p: Answer<'progress'>) => void }) => Promise<SeriesEntry[]>;

/** `onPhase`: a row's network is loading (download, cache) or running (build, compile, timed runs). */
export type TimeRows = (
  rows: readonly { spec: ModelSpec }[],
  o: Omit<Parameters<MeasureSeries>[1], 'onProgress'> & { onPhase?: (row: number, phase: 'loading' | 'running') => void },
) => Promise<SeriesEntry[]>;

/** Times `rows` as one series. Never rejects: a series that fails fails every row with its reason. */
export async function timeRows(measure: MeasureSeries, ...[rows, o]: Parameters<TimeRows>): Promise<SeriesEntry[]> {
  const ids = rows.map((r) => modelIdOf(r.spec));
  const onProgress = (p: Answer<'progress'>) => {
    const phase = p.phase === 'download' || p.phase === 'cache' ? 'loading' : 'running';
    ids.forEach((id, i) => id === p.modelId && o.onPhase?.(i, phase));
  };
  try {
    const specs = rows.map((r) => r.spec);
    const entries = await measure(specs, { runs: o.runs, cam: o.cam, onProgress: o.onPhase && onProgress });
    return rows.map((_, i) => entries[i] ?? { ok: false, error: 'no result' });
  } catch (e) {
    return rows.map(() => ({ ok: false, error: (e as Error).message }));
  }
}

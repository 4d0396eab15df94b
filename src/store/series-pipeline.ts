/** The one pipeline of timed series: rows (networks) go to the worker as one `measure` request
 *  (interleaved rounds: src/worker/series.ts) while the engine holds every other piece of work,
 *  and come back as one outcome per row. */
import { SERIES_RUNS, SERIES_WARMUP } from '../model/timing';
import type { InferenceClient } from '../worker/client';
import { modelIdOf, type ModelSpec, type SeriesEntry, type Answer } from '../worker/protocol';
import { runComparison } from './compare';
import type { AppStore } from './app-store';
import { paperRuns } from './paper-runs';

/** The worker's timed series of `specs`: one entry per spec, in order. */
export type MeasureSeries = (specs: ModelSpec[], o: { runs: number; cam?: boolean; onProgress?: (p: Answer<'progress'>) => void }) => Promise<SeriesEntry[]>;

export interface SeriesOptions {
  runs: number;
  cam?: boolean;
  /** A row's network is loading (download, cache) or running (build, compile, timed runs). */
  onPhase?: (row: number, phase: 'loading' | 'running') => void;
}

export type TimeRows = (rows: readonly { spec: ModelSpec }[], o: SeriesOptions) => Promise<SeriesEntry[]>;

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

interface PipelineDeps {
  client: Pick<InferenceClient, 'send'>;
  store: AppStore;
  /** Holds the engine's other work (lab runs, decodes, prefetch) while `work` runs. */
  whilePaused: <T>(work: () => Promise<T>) => Promise<T>;
  /** Settles once a restarted worker has its backend and image again. */
  restored: () => Promise<void>;
}

export function seriesPipeline({ client, store, whilePaused, restored }: PipelineDeps) {
  const lab = () => store.getState();
  const measureSeries: MeasureSeries = (specs, o) =>
    whilePaused(async () => {
      await restored();
      const req = { type: 'measure' as const, models: specs, runs: o.runs, warmup: SERIES_WARMUP, cam: o.cam };
      return (await client.send(req, ['series'], { onProgress: o.onProgress }).done).entries;
    });
  const time: TimeRows = (rows, o) => timeRows(measureSeries, rows, o);

  return {
    /** The raw series (window.phiLab.engine.measureSeries): one entry per spec. */
    measureSeries,

    compare: (variants: number[] = lab().compare, runs: number = SERIES_RUNS.compare) => runComparison(store, time, variants, runs),

    /** The Lab's "measure latency": a short series of the network on show, its latency refined. */
    async measureLab(runs: number = SERIES_RUNS.lab): Promise<SeriesEntry | null> {
      const shown = lab().result;
      if (!shown) return null;
      const [entry] = await time([{ spec: shown.spec }], { runs });
      if (entry.ok) lab().setResultLatency(shown.name, entry.latency);
      else lab().fail(entry.error, 'idle');
      return entry;
    },

    ...paperRuns(store, time),
  };
}

/** The engine's timed series as actions: Compare's interleaved run of the chosen variants, and the
 *  Lab's "measure latency" of the network on show. Both go through the engine's measureSeries,
 *  which holds every other piece of work while the series times. */
import type { StoreApi } from 'zustand/vanilla';
import { SERIES_RUNS } from '../model/timing';
import type { SeriesEntry } from '../worker/protocol';
import { runComparison, type CompareState, type MeasureSeries } from './compare';
import { specFor } from './lab-spec';
import type { LabState } from './lab-store';

export function seriesActions(lab: () => LabState, compare: StoreApi<CompareState>, measureSeries: MeasureSeries) {
  return {
    /** The compare view: the chosen variants on the current image, as one interleaved series. */
    async compare(variants: number[] = lab().compare, runs: number = SERIES_RUNS.compare): Promise<void> {
      const src = lab().source;
      if (!src) return;
      await runComparison(compare, { variants, baseUrl: src.baseUrl, imageName: lab().image?.name ?? null, runs, measure: measureSeries });
    },

    /** The Lab's "measure latency": a short series of the network on show; its latency then
     *  carries the steady median and range. */
    async measureLab(runs: number = SERIES_RUNS.lab): Promise<SeriesEntry | null> {
      const src = lab().source;
      const shown = lab().result;
      if (!src || !shown) return null;
      const spec = specFor({ phi: shown.phi, formula: shown.latencyOnly }, src.baseUrl, lab().custom);
      const [entry] = await measureSeries([spec], { runs });
      if (entry.ok) lab().setResultLatency(shown.name, entry.latency);
      else lab().fail(entry.error, 'idle');
      return entry;
    },
  };
}

/** The compare view's runs: the current image through each chosen official variant, timed as one
 *  series (series-pipeline.ts), first run apart from the steady median and its p25–p75 range. */
import { isNoisy } from '../model/timing';
import { OFFICIAL_VARIANTS, officialNetwork } from '../scaling';
import type { CamMap } from '../model/cam';
import type { Prediction, SeriesEntry } from '../worker/protocol';
import { csvText } from '../scaling/csv';
import { officialSpec } from './source';
import type { AppStore } from './app-store';
import { sliceStore } from './slice-store';
import type { TimeRows } from './series-pipeline';

export const initialCompare = () => ({ running: false, runId: 0, imageName: null as string | null, entries: [] as CompareEntry[] });
export type CompareState = ReturnType<typeof initialCompare>;

/** A variant's card before its run; every card has its shape. */
export function blankEntry(k: number) {
  const { name, resolution, flops, params } = officialNetwork(k);
  const ms = null as number | null;
  const result = {
    status: 'pending' as 'pending' | 'loading' | 'running' | 'done' | 'error',
    top5: [] as Prediction[],
    firstMs: ms,
    /** Median of the timed runs. */
    steadyMs: ms,
    p25Ms: ms,
    p75Ms: ms,
    minMs: ms,
    /** Every timed run (ms), in the order it ran. */
    runsMs: [] as number[],
    /** p75/p25 above the noisy ratio: the card offers to measure again. */
    noisy: false,
  };
  return { variant: k, name, ...result, resolution, flops, params, paperTop1: OFFICIAL_VARIANTS[k].paperTop1, error: null as string | null };
}
/** cam: the top-1 class activation map (the paper's Figure 7, one per variant). */
export type CompareEntry = ReturnType<typeof blankEntry> & { cam?: CamMap };

/** A finished series entry as a card's figures. */
function entryFromSeries(base: CompareEntry, s: SeriesEntry): CompareEntry {
  if (!s.ok) return { ...base, status: 'error', error: s.error };
  const { medianMs: steadyMs, p25Ms, p75Ms, minMs } = s.spread;
  return { ...base, status: 'done', top5: s.top5, firstMs: s.firstMs, steadyMs, p25Ms, p75Ms, minMs, runsMs: s.times, noisy: isNoisy(s.spread), cam: s.cam };
}

/** One comparison: every variant in one interleaved series; a newer run replaces this one's view. */
export async function runComparison(app: AppStore, time: TimeRows, variants: number[], runs: number): Promise<void> {
  const { source, image } = app.getState();
  if (!source) return;
  const store = sliceStore(app, 'comparison');
  const runId = store.getState().runId + 1;
  const entries = variants.map(blankEntry);
  store.setState({ running: true, runId, imageName: image?.name ?? null, entries });
  const update = (i: number, f: (e: CompareEntry) => CompareEntry) => {
    if (store.getState().runId === runId) store.setState((s) => ({ entries: s.entries.map((e) => (e.variant === variants[i] ? f(e) : e)) }));
  };
  const rows = entries.map((e) => ({ spec: officialSpec(e.variant, source.baseUrl) }));
  const series = await time(rows, { runs, cam: true, onPhase: (i, status) => update(i, (e) => ({ ...e, status })) });
  series.forEach((s, i) => update(i, (e) => entryFromSeries(e, s)));
  if (store.getState().runId === runId) store.setState({ running: false });
}

const CSV_HEAD = 'variant resolution flops params paper_top1 first_ms steady_ms steady_p25_ms steady_p75_ms steady_min_ms runs_ms top1_label top1_prob';

/** The compare table as CSV (one row per variant; every timed run in `runs_ms`, ';'-separated). */
export function compareCsv(entries: CompareEntry[]): string {
  const rows = entries.map((e) => {
    const times = [e.firstMs, e.steadyMs, e.p25Ms, e.p75Ms, e.minMs].map((v) => v?.toFixed(1));
    const top = e.top5[0];
    return [e.name, e.resolution, e.flops, e.params, e.paperTop1, ...times, e.runsMs.map((t) => t.toFixed(1)).join(';'), top?.label, top?.prob.toFixed(6)];
  });
  return csvText(CSV_HEAD.split(' '), rows);
}

/** The compare view's runs: the current image through each chosen official variant in turn,
 *  first and steady latency per variant. Results live in their own small zustand store. */
import { create } from 'zustand';
import { OFFICIAL_VARIANTS, officialNetwork } from '../scaling';
import type { CamMap } from '../model/cam';
import type { Prediction } from '../worker/protocol';
import { engineClient } from './engine';
import { useLab } from './lab-store';
import { officialSpec } from './weights-mode';

/** Timed runs per variant after the first (compile) run: the steady median is over these. */
export const COMPARE_STEADY_RUNS = 2;

export interface CompareEntry {
  variant: number;
  name: string;
  status: 'pending' | 'loading' | 'running' | 'done' | 'error';
  top5: Prediction[];
  firstMs: number | null;
  steadyMs: number | null;
  resolution: number;
  flops: number;
  params: number;
  paperTop1: number;
  error: string | null;
  /** Top-1 class activation map (the paper's Figure 7, one per variant). */
  cam?: CamMap;
}

interface CompareState {
  running: boolean;
  runId: number;
  imageName: string | null;
  entries: CompareEntry[];
}

export const useCompare = create<CompareState>()(() => ({ running: false, runId: 0, imageName: null, entries: [] }));

function blankEntry(k: number): CompareEntry {
  const net = officialNetwork(k);
  return {
    variant: k, name: net.name, status: 'pending', top5: [], firstMs: null, steadyMs: null,
    resolution: net.resolution, flops: net.flops, params: net.params, paperTop1: OFFICIAL_VARIANTS[k].paperTop1, error: null,
  };
}

const update = (runId: number, k: number, p: Partial<CompareEntry>) => {
  const s = useCompare.getState();
  if (s.runId !== runId) return; // a newer compare run replaced this one
  useCompare.setState({ entries: s.entries.map((e) => (e.variant === k ? { ...e, ...p } : e)) });
};

/** Runs every chosen variant in turn; a new call supersedes a running one. */
export async function runCompare(variants: number[] = useLab.getState().compare): Promise<void> {
  const client = engineClient();
  const { source, image } = useLab.getState();
  if (!client || !source) return;
  const runId = useCompare.getState().runId + 1;
  useCompare.setState({ running: true, runId, imageName: image?.name ?? null, entries: variants.map(blankEntry) });
  for (const k of variants) {
    if (useCompare.getState().runId !== runId) return;
    update(runId, k, { status: 'loading' });
    try {
      const req = client.send(
        { type: 'classify', model: officialSpec(k, source.baseUrl), runs: 1 + COMPARE_STEADY_RUNS, cam: true },
        ['result'],
        { onProgress: (p) => update(runId, k, { status: p.phase === 'download' || p.phase === 'cache' ? 'loading' : 'running' }) },
      );
      const r = await req.done;
      update(runId, k, { status: 'done', top5: r.top5, firstMs: r.latency.firstMs, steadyMs: r.latency.steadyMedianMs, cam: r.cam });
    } catch (e) {
      update(runId, k, { status: 'error', error: (e as Error).message });
    }
  }
  if (useCompare.getState().runId === runId) useCompare.setState({ running: false });
}

/** The compare table as CSV (one row per variant). */
export function compareCsv(entries: CompareEntry[]): string {
  const head = ['variant', 'resolution', 'flops', 'params', 'paper_top1', 'first_ms', 'steady_ms', 'top1_label', 'top1_prob'];
  const esc = (v: unknown) => {
    const s = v == null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = entries.map((e) =>
    [e.name, e.resolution, e.flops, e.params, e.paperTop1, e.firstMs?.toFixed(1), e.steadyMs?.toFixed(1), e.top5[0]?.label, e.top5[0]?.prob.toFixed(6)].map(esc).join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** Variants whose top-1 equals the most common top-1 among finished entries. */
export function agreeingTop1(entries: CompareEntry[]): Set<number> {
  const counts = new Map<number, number>();
  for (const e of entries) if (e.top5[0]) counts.set(e.top5[0].index, (counts.get(e.top5[0].index) ?? 0) + 1);
  let best = -1;
  let n = 1;
  for (const [idx, c] of counts) if (c > n) [best, n] = [idx, c];
  return new Set(entries.filter((e) => e.top5[0]?.index === best).map((e) => e.variant));
}

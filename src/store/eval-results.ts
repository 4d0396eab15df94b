/** The Evaluate view's results and every figure drawn from them: accuracy with its 95% Wilson
 *  interval, throughput, disagreements, and the CSV/JSON exports. Pure. */
import { shortLabelOf } from '../model/labels';
import { csvText as toCsvText } from '../scaling/csv';
import type { ClassProb } from '../worker/protocol';
import type { EvalNetwork, EvalState } from './evaluate';

export interface EvalRow {
  /** The path inside the drop ('/n01440764/a.jpg') or the sample's file name. */
  file: string;
  /** Ground truth class, or null when unlabelled. */
  label: number | null;
  /** Object URL of a small thumbnail. */
  thumb: string | null;
  /** Why the image could not be used (undecodable, too large…). */
  error: string | null;
  /** Per network: its top-5, or null if it failed. */
  preds: (ClassProb[] | null)[];
}

const Z95 = 1.959963984540054;

/** The Wilson score interval for k successes in n trials (fractions in [0, 1]). */
export function wilson(k: number, n: number, z = Z95): { lo: number; hi: number } {
  if (n <= 0) throw new Error('wilson: no trials');
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Whether network i has the label in its top-1 (top-k); null when the row is unlabelled or the network did not classify it. */
export const isCorrect = (row: EvalRow, i: number, k = 1): boolean | null =>
  row.label === null || !row.preds[i] ? null : row.preds[i]!.slice(0, k).some((q) => q.index === row.label);

/** Per network: the labelled images it classified (`total`), top-1 and top-5 in percent with top-1's 95% Wilson interval, throughput. */
export function summarize(rows: readonly EvalRow[], networks: readonly EvalNetwork[], timings: EvalState['timings']) {
  return networks.map((n, i) => {
    const labelled = rows.filter((r) => isCorrect(r, i) !== null);
    const total = labelled.length;
    const correct = labelled.filter((r) => isCorrect(r, i)).length;
    const top5Correct = labelled.filter((r) => isCorrect(r, i, 5)).length;
    const t = timings[i];
    const pct = (k: number) => (total ? (100 * k) / total : null);
    const ci = total ? wilson(correct, total) : null;
    return {
      network: n.name,
      total,
      correct,
      top5Correct,
      top1: pct(correct),
      top5: pct(top5Correct),
      ci: ci && { lo: 100 * ci.lo, hi: 100 * ci.hi },
      imagesPerSec: t && t.ms > 0 ? (1000 * t.images) / t.ms : null,
      msPerImage: t && t.images > 0 ? t.ms / t.images : null,
      paperTop1: n.paperTop1,
      flops: n.flops,
    };
  });
}
export type NetworkSummary = ReturnType<typeof summarize>[number];

/** Rows network `a` classifies correctly and `b` does not. */
export const rightOnlyBy = (rows: readonly EvalRow[], a: number, b: number): EvalRow[] =>
  rows.filter((r) => isCorrect(r, a) === true && isCorrect(r, b) === false);

/** Rows where the networks' top-1 classes are not all the same. */
export const disagreeing = (rows: readonly EvalRow[]): EvalRow[] =>
  rows.filter((r) => new Set(r.preds.filter((p): p is ClassProb[] => !!p).map((p) => p[0]?.index)).size > 1);

/** Rows some network classifies wrongly. */
export const wrongSomewhere = (rows: readonly EvalRow[]): EvalRow[] => rows.filter((r) => r.preds.some((_, i) => isCorrect(r, i) === false));

export function evalCsv(rows: readonly EvalRow[], networks: readonly EvalNetwork[]): string {
  const head = ['file', 'label', 'label_name', 'network', 'top1', 'top1_name', 'top1_prob', 'correct', 'top5', 'in_top5', 'error'];
  const flag = (b: boolean | null) => (b === null ? '' : b ? 1 : 0);
  const lines = rows.flatMap((r) =>
    networks.map((n, i) => {
      const p = r.preds[i];
      const top = p?.[0];
      return [
        r.file,
        r.label,
        shortLabelOf(r.label),
        n.name,
        top?.index,
        shortLabelOf(top?.index),
        top?.prob,
        flag(isCorrect(r, i)),
        p?.map((q) => q.index).join(';'),
        flag(isCorrect(r, i, 5)),
        r.error ?? (p ? '' : 'not classified'),
      ];
    }),
  );
  return toCsvText(head, lines);
}

/** The same rows as JSON, with each network's summary. */
export function evalJson(
  rows: readonly EvalRow[],
  networks: readonly EvalNetwork[],
  summaries: readonly NetworkSummary[],
  meta: Record<string, unknown>,
): string {
  const results = rows.flatMap((r) =>
    networks.map((n, i) => ({ file: r.file, label: r.label, network: n.name, top5: r.preds[i], correct: isCorrect(r, i), error: r.error })),
  );
  const nets = networks.map(({ name: n, key, flops, resolution, paperTop1 }) => ({ name: n, key, flops, resolution, paperTop1 }));
  return JSON.stringify({ ...meta, networks: nets, summaries, results }, null, 1);
}

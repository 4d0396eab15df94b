// The paper's own numbers for its scaling-method experiments (Tan & Le, arXiv 1905.11946 v5).
// Every number carries where it comes from: a table is quoted exactly. Figures 3 and 8 print no
// numbers; their points here are approximate placements after the figures and the paper's text
// (single dimensions flatten near 80%; compound is up to 2.5% better), not measurements of the
// plotted image, and every one of them says so in the UI.

/** One row of a paper table or one approximate point after a paper figure: FLOPs in billions (the
 *  paper's "FLOPS": multiply-adds), ImageNet top-1 in percent, where it comes from ("Table 7",
 *  "Figure 8 (approximate, …)" …), and whether it is an approximate value placed after a plot (the
 *  paper gives no table). */
const point = (flopsB: number, top1: number, source: string, fromFigure: boolean) => ({ flopsB, top1, source, fromFigure });
export type PaperPoint = ReturnType<typeof point>;

export type ScalingMethod = 'baseline' | 'depth' | 'width' | 'resolution' | 'compound';
export const SINGLE_METHODS = ['depth', 'width', 'resolution'] as const;
export type SingleMethod = (typeof SINGLE_METHODS)[number];

export const TABLE7 = 'Table 7';
export const FIGURE_NOTE = "approximate, placed after the paper's figure (no table in the paper)";

const t7 = (label: string, depth: number, width: number, resolutionScale: number, flopsB: number, top1: number) => ({
  label,
  depth,
  width,
  resolutionScale,
  paper: point(flopsB, top1, TABLE7, false),
});

/** Table 7 ("Scaled Models Used in Figure 7"): B0 grown to about 1.8B FLOPs five ways. */
export const TABLE7_ROWS: Readonly<Record<ScalingMethod, ReturnType<typeof t7>>> = {
  baseline: t7('Baseline B0', 1, 1, 1, 0.4, 77.3),
  depth: t7('Depth only (d = 4)', 4, 1, 1, 1.8, 79.0),
  width: t7('Width only (w = 2)', 1, 2, 1, 1.8, 78.9),
  resolution: t7('Resolution only (r = 2)', 1, 1, 2, 1.9, 79.1),
  compound: t7('Compound (d = 1.4, w = 1.2, r = 1.3)', 1.4, 1.2, 1.3, 1.8, 81.1),
};

export const METHOD_ORDER: readonly ScalingMethod[] = ['baseline', 'depth', 'width', 'resolution', 'compound'];

const fig = (n: 3 | 8, flopsB: number, top1: number) => point(flopsB, top1, `Figure ${n} (${FIGURE_NOTE})`, true);
const fig3 = (flopsB: number, top1: number, multiplier: number) => ({ ...fig(3, flopsB, top1), multiplier });

/** Figure 8 ("Scaling Up EfficientNet-B0 with Different Methods"): accuracy against FLOPs per
 *  method, 0–5B FLOPs. The 1.8–1.9B points are Table 7's; the others are approximate placements
 *  after the curves, which the text sums up as compound scaling being up to 2.5% better. */
export const FIGURE8_POINTS: Readonly<Record<Exclude<ScalingMethod, 'baseline'>, readonly PaperPoint[]>> = {
  depth: [fig(8, 0.9, 78.0), TABLE7_ROWS.depth.paper, fig(8, 3.6, 79.6)],
  width: [fig(8, 0.9, 77.9), TABLE7_ROWS.width.paper, fig(8, 4.0, 79.6)],
  resolution: [fig(8, 0.9, 78.2), TABLE7_ROWS.resolution.paper, fig(8, 4.0, 80.0)],
  compound: [fig(8, 0.9, 79.3), TABLE7_ROWS.compound.paper, fig(8, 4.1, 82.4)],
};

/** Figure 3: single-dimension scaling of the baseline; "the accuracy gain quickly saturate after
 *  reaching 80%" (its caption). The multipliers are the figure's own point labels (w = 1.0 … 5.0,
 *  d = 1.0 … 8.0, r = 1.0 … 2.5 = 560 px); each point's FLOPs are what `scaleNetwork` computes for
 *  that multiplier (methods.test.ts checks them), and only the top-1 is an approximate placement. */
export const FIGURE3_POINTS: Readonly<Record<SingleMethod, readonly (PaperPoint & { multiplier: number })[]>> = {
  width: [fig3(0.39, 75.9, 1), fig3(2.39, 78.6, 2.6), fig3(8.71, 80.1, 5)],
  depth: [fig3(0.39, 75.9, 1), fig3(1.58, 78.6, 4), fig3(3.16, 79.5, 8)],
  resolution: [fig3(0.39, 75.9, 1), fig3(1.46, 79.3, 1.9), fig3(2.45, 80.3, 2.5)],
};

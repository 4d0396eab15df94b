/** What the side panel shows for a φ: at an integer the official Bk (whose weights answer) next to
 *  the formula network at the same φ; between integers the formula network at exactly φ, with the
 *  prediction coming from the nearest official variant. Pure; all numbers from src/scaling. */
import type { InferenceResult } from '../store/lab-store';
import { fmtPct, fmtPhi } from './format';
import { formulaNetwork, isAtOfficial, nearestOfficial, officialNetwork, OFFICIAL_VARIANTS, type NetworkConfig } from '../scaling';

const cache = new Map<string, NetworkConfig>();
const memo = (key: string, make: () => NetworkConfig) => cache.get(key) ?? cache.set(key, make()).get(key)!;
/** The official Bk, built once (B7 is not free). */
export const officialOf = (k: number) => memo(`B${k}`, () => officialNetwork(k));

/** `variant`: the official variant whose weights classify (nearest φ); `shown`: the network the readouts describe. */
export function phiReadout(phi: number) {
  const k = nearestOfficial(phi);
  const atOfficial = isAtOfficial(phi);
  const formula = memo(`f${phi.toFixed(2)}`, () => formulaNetwork(phi));
  const official = officialOf(k);
  return { phi, atOfficial, variant: k, shown: atOfficial ? official : formula, formula, official, paperTop1: OFFICIAL_VARIANTS[k].paperTop1 };
}

/** What the slider selects, for screen readers: the network whose readouts the panel shows and
 *  its input resolution ("φ 1.0 — B1, 240 px"), and between integers which variant predicts
 *  ("φ 2.4 — formula network, 313 px; prediction from B2"). */
export function sliderValueText(phi: number): string {
  const r = phiReadout(phi);
  const shown = r.atOfficial ? `B${r.variant}` : 'formula network';
  return `φ ${fmtPhi(phi)} — ${shown}, ${r.shown.resolution} px${r.atOfficial ? '' : `; prediction from B${r.variant}`}`;
}

/** The one line announced when a run finishes (the rest of the readout changes silently). */
export function resultSummary(result: InferenceResult | null, standInFromCache = false): string {
  if (!result) return '';
  if (result.latencyOnly) return `${result.name} at ${result.resolution} px: latency only, no prediction (random weights)`;
  const top = result.top5[0];
  const on = result.imageName ? `“${result.imageName}”` : 'the test pattern';
  const summary = `${result.name} at ${result.resolution} px on ${on}: ${top ? `${top.label}, ${fmtPct(top.prob)}` : 'no prediction'}`;
  return result.standInFor ? `${summary} (${answeredBy(result, standInFromCache)})` : summary;
}

/** Which network answered when it stood in for one still downloading, e.g. "answered by B0 while B2
 *  downloads" (or, read from this device's cache, "loads"). */
export const answeredBy = (result: InferenceResult, fromCache = false) =>
  `answered by ${result.name} while ${result.standInFor} ${fromCache ? 'loads from this device' : 'downloads'}`;

/** e.g. "formula φ=3: w 1.33, d 1.73, r ≈341 | B3: w 1.2, d 1.4, r 300". */
export function formulaVsOfficial(phi: number): string {
  const { formula: f, official: o } = phiReadout(phi);
  return `formula φ=${Number(phi.toFixed(1))}: w ${f.width.toFixed(2)}, d ${f.depth.toFixed(2)}, r ≈${f.resolution} | ${o.name}: w ${o.width}, d ${o.depth}, r ${o.resolution}`;
}

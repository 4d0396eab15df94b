/** The link a presentation's QR code encodes, so students can follow the projector. Pure. */
import { DEFAULT_STATE, serializeUrlState, type ShareableState } from './url-state';

/** What a student's screen shows to follow the projector; the presentation, the slide and this
 *  device's backend and kernels stay out, so the link is short. */
export function followState(s: ShareableState): ShareableState {
  return { ...DEFAULT_STATE, phi: s.phi, view: s.view, compare: s.compare, models: s.models, formula: s.formula, weights: s.weights, bases: s.bases };
}

/** The absolute link of the QR code: the page's own address with the follow state's query. */
export function followUrl(s: ShareableState, origin: string, pathname: string): string {
  return `${origin}${pathname}${serializeUrlState(followState(s))}`;
}

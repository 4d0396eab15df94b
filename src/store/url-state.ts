/** All shareable state in one typed place, mirrored in the URL (TF Playground style), read and
 *  written through the one property table (url-props.ts, where each is described); and the link that
 *  follows a presentation. Pure. */
import type { Bases } from '../scaling';
import { readUrl, writeUrl, type UrlValues } from './url-props';

const LAB_KEYS = ['phi', 'view', 'compare', 'evaluate', 'backend', 'models', 'present', 'slide', 'formula', 'weights', 'kernels'] as const;
/** The lab's URL properties, with α, β and γ as the reader's own compound-scaling bases. */
export type ShareableState = Pick<UrlValues, (typeof LAB_KEYS)[number]> & { bases: Bases };

export const DEFAULT_STATE: ShareableState = parseUrlState('').state;

export function parseUrlState(search: string): { state: ShareableState; notices: string[] } {
  const { values: v, notices } = readUrl(search, 'lab');
  const state = { ...Object.fromEntries(LAB_KEYS.map((k) => [k, v[k]])), bases: { alpha: v.alpha, beta: v.beta, gamma: v.gamma } } as ShareableState;
  return { state, notices };
}

/** The query string for a state; defaults are left out so links stay short. */
export function serializeUrlState(s: ShareableState): string {
  const { bases, slide, ...rest } = s;
  return writeUrl({ ...rest, ...bases, slide: s.present ? slide : 1 });
}

/** What a student's screen shows to follow the projector (the link a presentation's QR code
 *  encodes); the presentation, the slide and this device's backend and kernels stay out, so the link is short. */
export function followState(s: ShareableState): ShareableState {
  return { ...DEFAULT_STATE, phi: s.phi, view: s.view, compare: s.compare, models: s.models, formula: s.formula, weights: s.weights, bases: s.bases };
}

/** The absolute link of the QR code: the page's own address with the follow state's query. */
export function followUrl(s: ShareableState, origin: string, pathname: string): string {
  return `${origin}${pathname}${serializeUrlState(followState(s))}`;
}

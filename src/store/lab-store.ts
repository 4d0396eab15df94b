/** The one zustand store: shareable state (mirrored in the URL) plus what the worker reports.
 *  Components read it and call its setters; src/store/engine.ts turns changes into worker
 *  requests and writes results back. */
import { create } from 'zustand';
import { clampPhi, isVariantIndex, type Bases } from '../scaling';
import type { BackendName } from '../model/backend-name';
import type { ClassifyOutcome, LoadPhase, ModelSpec } from '../worker/protocol';
import type { ModelSource } from './model-source';
import { parseUrlState, roundPhi, serializeUrlState, type ShareableState, type View } from './url-state';

export interface InferenceResult extends ClassifyOutcome {
  /** 'official': Bk with converted weights; 'formula': the formula network at exactly φ;
   *  'custom': a converted model the user dropped (model.json + shards). */
  kind: ModelSpec['kind'];
  variant: number | null;
  phi: number;
  name: string;
}

export interface LoadState {
  phase: LoadPhase | 'ready' | 'cached' | 'error';
  loaded: number;
  total: number;
  fromCache?: boolean;
}

export type Status = 'starting' | 'idle' | 'loading' | 'compiling' | 'running' | 'error';

export interface ImageInfo {
  name: string;
  width: number;
  height: number;
  /** Object URL of the decoded (EXIF-oriented) image for display. */
  url: string;
}

export interface LabState extends ShareableState {
  notices: string[];
  backendInfo: { name: BackendName; reason: string; adapter: string | null } | null;
  source: ModelSource | null;
  image: ImageInfo | null;
  loads: Record<string, LoadState>;
  status: Status;
  result: InferenceResult | null;
  error: string | null;
  /** Are the weights in use synthetic (seeded random)? null until known. */
  synthetic: boolean | null;
  /** A converted model folder the user dropped; it answers instead of the built-in weights. */
  custom: { name: string; files: File[] } | null;

  setPhi: (phi: number) => void;
  setView: (view: View) => void;
  setCompare: (variants: number[]) => void;
  setFormula: (on: boolean) => void;
  setPresent: (on: boolean) => void;
  setBases: (bases: Bases) => void;
  addNotice: (text: string) => void;
  dismissNotice: (index: number) => void;
  patch: (p: Partial<LabState>) => void;
}

const initial = parseUrlState(typeof location === 'undefined' ? '' : location.search);

export const useLab = create<LabState>()((set) => ({
  ...initial.state,
  notices: initial.notices,
  backendInfo: null,
  source: null,
  image: null,
  loads: {},
  status: 'starting',
  result: null,
  error: null,
  synthetic: null,
  custom: null,

  setPhi: (phi) => set({ phi: roundPhi(clampPhi(phi)) }),
  setView: (view) => set({ view }),
  setCompare: (variants) => set({ compare: [...new Set(variants)].filter(isVariantIndex).sort((a, b) => a - b) }),
  setFormula: (formula) => set({ formula }),
  setPresent: (present) => set({ present }),
  setBases: (bases) => set({ bases }),
  addNotice: (text) => set((s) => ({ notices: [...s.notices, text] })),
  dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
  patch: (p) => set(p),
}));

export function shareable(s: LabState): ShareableState {
  const { phi, view, compare, backend, models, present, formula, weights, bases, kernels } = s;
  return { phi, view, compare, backend, models, present, formula, weights, bases, kernels };
}

/** Mirrors the shareable state into the address bar (replaceState: dragging φ must not flood
 *  the history). */
export function syncUrl(): () => void {
  let last = serializeUrlState(shareable(useLab.getState()));
  return useLab.subscribe((s) => {
    const q = serializeUrlState(shareable(s));
    if (q === last) return;
    last = q;
    history.replaceState(null, '', `${location.pathname}${q}${location.hash}`);
  });
}

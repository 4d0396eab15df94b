/** The lab slice of the app store: shareable state (mirrored in the URL) plus what the worker
 *  reports through the engine. */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import { clampPhi, isVariantIndex, type Bases } from '../scaling';
import type { BackendName } from '../model/backend-name';
import type { ClassifyOutcome, LoadPhase, ModelSpec } from '../worker/protocol';
import { clampSlide } from './deck';
import type { ModelSource } from './source';
import type { WeightPrecision } from '../model/model-json';
import { parseUrlState, serializeUrlState, type ShareableState } from './url-state';
import { roundPhi, type View } from './url-props';
import type { AppState } from './app-store';

export interface InferenceResult extends ClassifyOutcome {
  kind: ModelSpec['kind'];
  /** Random weights with no released checkpoint (the formula network): latency only, no prediction. */
  latencyOnly: boolean;
  variant: number | null;
  phi: number;
  name: string;
  /** The variant φ asks for, still downloading: this answer came from the one loaded before. */
  standInFor?: string;
}

export interface LoadState {
  phase: LoadPhase | 'ready' | 'cached' | 'error';
  loaded: number;
  total: number;
  fromCache?: boolean;
  rate?: number | null;
  etaS?: number | null;
}

export type Status = 'starting' | 'idle' | 'loading' | 'compiling' | 'running' | 'error';

export interface ImageInfo {
  name: string;
  width: number;
  height: number;
  /** Object URL of the decoded (EXIF-oriented) image. */
  url: string;
}

export interface LabState extends ShareableState {
  notices: string[];
  /** `threads`, `threadsNote`: the wasm backend's thread count, and why it is 1 when it had to be. */
  backendInfo: { name: BackendName; reason: string; adapter: string | null; threads?: number; threadsNote?: string } | null;
  source: ModelSource | null;
  image: ImageInfo | null;
  loads: Record<string, LoadState>;
  status: Status;
  result: InferenceResult | null;
  error: string | null;
  /** Seeded random weights in use? null until known. */
  synthetic: boolean | null;
  precision: WeightPrecision | null;
  /** A converted model folder the user dropped; it answers instead of the built-in weights. */
  custom: { name: string; files: File[] } | null;
  /** A foreign ?models= source waiting for the user (gateSource): a question or a refusal. */
  pendingSource: { host: string; baseUrl: string; refused?: string } | null;

  setPhi: (phi: number) => void;
  setView: (view: View) => void;
  setCompare: (variants: number[]) => void;
  setEvaluate: (variants: number[]) => void;
  setFormula: (on: boolean) => void;
  setPresent: (on: boolean) => void;
  setSlide: (slide: number) => void;
  setBases: (bases: Bases) => void;
  addNotice: (text: string) => void;
  dismissNotice: (index: number) => void;

  // Written by the engine, one action per fact it learns.
  setStatus: (status: Status) => void;
  setLoad: (key: string, load: LoadState) => void;
  /** Forgets a download bar that will not finish (failed or abandoned). */
  dropDownload: (key: string) => void;
  setBackendInfo: (info: LabState['backendInfo']) => void;
  setSource: (source: ModelSource) => void;
  /** Declining (dropLink) also drops ?models=. */
  askSource: (pending: LabState['pendingSource'], dropLink?: boolean) => void;
  setSynthetic: (synthetic: boolean, precision: WeightPrecision) => void;
  showResult: (result: InferenceResult) => void;
  setResultLatency: (name: string, latency: InferenceResult['latency']) => void;
  showImage: (image: ImageInfo | null) => void;
  setCustom: (custom: LabState['custom']) => void;
  fail: (message: string, status?: Status) => void;
  clearError: () => void;
  useRandomWeights: (source: ModelSource) => void;
}

/** A new store starts from the address bar it is created under. */
export const labState: StateCreator<AppState, [], [], LabState> = (set) => {
  const initial = parseUrlState(typeof location === 'undefined' ? '' : location.search);
  return {
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
    precision: null,
    custom: null,
    pendingSource: null,

    setPhi: (phi) => set({ phi: roundPhi(clampPhi(phi)) }),
    setView: (view) => set({ view }),
    setCompare: (variants) => set({ compare: [...new Set(variants)].filter(isVariantIndex).sort((a, b) => a - b) }),
    setEvaluate: (variants) => set({ evaluate: [...new Set(variants)].filter(isVariantIndex).sort((a, b) => a - b) }),
    setFormula: (formula) => set({ formula }),
    setPresent: (present) => set({ present }),
    setSlide: (slide) => set({ slide: clampSlide(slide) }),
    setBases: (bases) => set({ bases }),
    addNotice: (text) => set((s) => ({ notices: [...s.notices, text] })),
    dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
    setStatus: (status) => set({ status }),
    setLoad: (key, load) => set((s) => ({ loads: { ...s.loads, [key]: load } })),
    dropDownload: (key) =>
      set((s) => {
        if (s.loads[key]?.phase !== 'download') return {};
        const loads = { ...s.loads };
        delete loads[key];
        return { loads };
      }),
    setBackendInfo: (backendInfo) => set({ backendInfo }),
    setSource: (source) => set({ source, status: 'idle' }),
    askSource: (pendingSource, dropLink = false) => set(dropLink ? { pendingSource, models: null } : { pendingSource }),
    setSynthetic: (synthetic, precision) => set({ synthetic, precision }),
    showResult: (result) => set({ result, status: 'idle', error: null }),
    setResultLatency: (name, latency) => set((s) => (s.result?.name === name ? { result: { ...s.result, latency } } : {})),
    showImage: (image) => set({ image, error: null }),
    setCustom: (custom) => set({ custom, error: null }),
    fail: (error, status = 'error') => set({ error, status }),
    clearError: () => set({ error: null }),
    useRandomWeights: (source) => set({ weights: 'random', source, error: null, loads: {} }),
  };
};

export function shareable(s: LabState): ShareableState {
  const { phi, view, compare, evaluate, backend, models, present, slide, formula, weights, bases, kernels } = s;
  return { phi, view, compare, evaluate, backend, models, present, slide, formula, weights, bases, kernels };
}

/** Mirrors the shareable state into the address bar (replaceState: dragging φ must not flood history). */
export function syncUrl(store: Pick<StoreApi<LabState>, 'getState' | 'subscribe'>): () => void {
  let last = serializeUrlState(shareable(store.getState()));
  return store.subscribe((s) => {
    const q = serializeUrlState(shareable(s));
    if (q === last) return;
    last = q;
    history.replaceState(null, '', `${location.pathname}${q}${location.hash}`);
  });
}

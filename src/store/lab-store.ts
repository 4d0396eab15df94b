/** The lab slice of the app store: shareable state (mirrored in the URL) plus what the worker
 *  reports through the engine. */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import { clampPhi, isVariantIndex, type Bases } from '../scaling';
import type { BackendName } from '../model/backend-name';
import type { Answer, ClassifyOutcome, LoadPhase, ModelSpec } from '../worker/protocol';
import { clampSlide } from './deck';
import type { RateEta } from './download-rate';
import type { ModelSource } from './source';
import type { WeightPrecision } from '../model/model-json';
import { DEFAULT_STATE, parseUrlState, serializeUrlState, type ShareableState } from './url-state';
import { roundPhi, type View } from './url-props';
import type { AppState } from './app-store';

export interface InferenceResult extends ClassifyOutcome {
  /** Random weights with no released checkpoint (the formula network): latency only, no prediction. */
  latencyOnly: boolean;
  variant: number | null;
  name: string;
  /** The network that answered (the Lab's "measure latency" times it again). */
  spec: ModelSpec;
  /** The variant φ asks for, still downloading: this answer came from the one loaded before. */
  standInFor?: string;
}

export interface LoadState extends Partial<RateEta> {
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
  /** Object URL of the decoded (EXIF-oriented) image. */
  url: string;
}

/** The lab beyond its URL state, as it starts: mostly what the worker reports through the engine. */
const startFacts = () => ({
  /** The worker's `backend` answer (`threads`, `threadsNote`: the wasm backend's thread count, and why it is 1 when it had to be). */
  backendInfo: null as ({ name: BackendName } & Omit<Answer<'backend'>, 'type' | 'id' | 'backend'>) | null,
  source: null as ModelSource | null,
  image: null as ImageInfo | null,
  loads: {} as Record<string, LoadState>,
  status: 'starting' as Status,
  result: null as InferenceResult | null,
  error: null as string | null,
  /** Seeded random weights in use? null until known. */
  synthetic: null as boolean | null,
  precision: null as WeightPrecision | null,
  /** A converted model folder the user dropped; it answers instead of the built-in weights. */
  custom: null as { name: string; files: File[] } | null,
  /** A foreign ?models= source waiting for the user (gateSource): a question or a refusal. */
  pendingSource: null as { host: string; baseUrl: string; refused?: string } | null,
});

type LabData = ShareableState & { notices: string[] } & ReturnType<typeof startFacts>;

/** The list with v added (at the end) or removed. */
export const toggled = <T>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

const variantSet = (variants: number[]) => [...new Set(variants)].filter(isVariantIndex).sort((a, b) => a - b);

function labActions(set: (patch: Partial<LabData> | ((s: LabData) => Partial<LabData>)) => void) {
  return {
    setPhi: (phi: number) => set({ phi: roundPhi(clampPhi(phi)) }),
    setView: (view: View) => set({ view }),
    setCompare: (variants: number[]) => set({ compare: variantSet(variants) }),
    setEvaluate: (variants: number[]) => set({ evaluate: variantSet(variants) }),
    setFormula: (formula: boolean) => set({ formula }),
    setPresent: (present: boolean) => set({ present }),
    setSlide: (slide: number) => set({ slide: clampSlide(slide) }),
    setBases: (bases: Bases) => set({ bases }),
    dismissNotice: (i: number) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),

    // Written by the engine, one action per fact it learns.
    setStatus: (status: Status) => set({ status }),
    setLoad: (key: string, load: LoadState) => set((s) => ({ loads: { ...s.loads, [key]: load } })),
    /** Forgets a download bar that will not finish (failed or abandoned). */
    dropDownload: (key: string) =>
      set((s) => {
        const { [key]: load, ...loads } = s.loads;
        return load?.phase === 'download' ? { loads } : {};
      }),
    setBackendInfo: (backendInfo: LabData['backendInfo']) => set({ backendInfo }),
    setSource: (source: ModelSource) => set({ source, status: 'idle' }),
    /** Declining (dropLink) also drops ?models=. */
    askSource: (pendingSource: LabData['pendingSource'], dropLink = false) => set(dropLink ? { pendingSource, models: null } : { pendingSource }),
    setSynthetic: (synthetic: boolean, precision: WeightPrecision) => set({ synthetic, precision }),
    showResult: (result: InferenceResult) => set({ result, status: 'idle', error: null }),
    setResultLatency: (name: string, latency: InferenceResult['latency']) => set((s) => (s.result?.name === name ? { result: { ...s.result, latency } } : {})),
    showImage: (image: ImageInfo | null) => set({ image, error: null }),
    setCustom: (custom: LabData['custom']) => set({ custom, error: null }),
    fail: (error: string, status: Status = 'error') => set({ error, status }),
    clearError: () => set({ error: null }),
    useRandomWeights: (source: ModelSource) => set({ weights: 'random', source, error: null, loads: {} }),
  };
}

export interface LabState extends LabData, ReturnType<typeof labActions> {}

/** A new store starts from the address bar it is created under. */
export const labState: StateCreator<AppState, [], [], LabState> = (set) => {
  const initial = parseUrlState(typeof location === 'undefined' ? '' : location.search);
  return { ...initial.state, notices: initial.notices, ...startFacts(), ...labActions(set) };
};

const SHAREABLE_KEYS = Object.keys(DEFAULT_STATE) as (keyof ShareableState)[];
export const shareable = (s: LabState): ShareableState => Object.fromEntries(SHAREABLE_KEYS.map((k) => [k, s[k]])) as ShareableState;

/** Mirrors the shareable state into the address bar (replaceState: dragging φ must not flood history). */
export function syncUrl(store: Pick<StoreApi<LabState>, 'getState' | 'subscribe'>): () => void {
  let last = serializeUrlState(shareable(store.getState()));
  return store.subscribe((s, prev) => {
    // Most changes (download progress, runs, Evaluate batches) touch no shareable field: nothing to write.
    if (SHAREABLE_KEYS.every((k) => s[k] === prev[k])) return;
    const q = serializeUrlState(shareable(s));
    if (q === last) return;
    last = q;
    history.replaceState(null, '', `${location.pathname}${q}${location.hash}`);
  });
}

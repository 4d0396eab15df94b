/** The app's one zustand store of slices: the lab's state at the top and each run's state under its
 *  own key, since their fields share names (running, entries, error…). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { labState, type LabState } from './lab-store';
import { initialCompare, type CompareState } from './compare';
import { initialEval, type AccuracyRow, type EvalState } from './evaluate';
import { initialPrepare, type PrepareState } from './prepare';
import type { PaperRunsState } from './paper-runs';
import { sliceSetter } from './slice-store';

type ApplyUpdate = () => Promise<void>;

/** Small view state that outlives a view's mount: the activation-map toggle, the "update
 *  available" prompt, and whether a link's auto-run bench has already started in this app. */
interface ViewState {
  cam: { on: boolean; opacity: number; set: (patch: Partial<Pick<ViewState['cam'], 'on' | 'opacity'>>) => void };
  /** Set once a new version has installed; activates it and reloads. */
  applyUpdate: ApplyUpdate | null;
  offerUpdate: (apply: ApplyUpdate) => void;
  /** True the first time only: a link's auto=1 starts the bench once per app, not per mount. */
  claimBenchAutoStart: () => boolean;
}

export interface AppState extends LabState, ViewState {
  comparison: CompareState;
  evaluation: EvalState;
  prepare: PrepareState;
  paperRuns: PaperRunsState;
  /** The class's finished accuracy measurement, for the deck. */
  accuracy: { rows: AccuracyRow[] | null };
}

/** The slices kept under their own key (see slice-store.ts). */
export type NestedSlice = 'comparison' | 'evaluation' | 'prepare' | 'paperRuns' | 'accuracy' | 'cam';

export type AppStore = StoreApi<AppState>;

export const createAppStore = (): AppStore =>
  createStore<AppState>()((set, ...rest) => {
    let benchAutoStarted = false;
    return {
      ...labState(set, ...rest),
      cam: { on: false, opacity: 0.55, set: sliceSetter(set, 'cam') },
      applyUpdate: null,
      offerUpdate: (applyUpdate) => set({ applyUpdate }),
      claimBenchAutoStart: () => {
        if (benchAutoStarted) return false;
        benchAutoStarted = true;
        return true;
      },
      comparison: initialCompare(),
      evaluation: initialEval(),
      prepare: initialPrepare(sliceSetter(set, 'prepare')),
      paperRuns: { runs: {}, budget: [] },
      accuracy: { rows: null },
    };
  });

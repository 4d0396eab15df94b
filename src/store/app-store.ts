/** The app's one zustand store of slices: the lab's state at the top and each run's state under its
 *  own key, since their fields share names (running, entries, error…). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { labState, type LabState } from './lab-store';
import { initialCompare, type CompareState } from './compare';
import { initialEval, type AccuracyRow, type EvalState } from './evaluate';
import { initialPrepare, type PrepareState } from './prepare';
import type { PaperRunsState } from './paper-runs';
import { viewSlice, type ViewState } from './view-state';
import { sliceSetter } from './slice-store';

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
  createStore<AppState>()((...a) => ({
    ...labState(...a),
    ...viewSlice(...a),
    comparison: initialCompare(),
    evaluation: initialEval(),
    prepare: initialPrepare(sliceSetter(a[0], 'prepare')),
    paperRuns: { runs: {}, budget: [] },
    accuracy: { rows: null },
  }));

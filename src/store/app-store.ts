/** The app's one zustand store, composed of slices (zustand's slices pattern): the lab's state at
 *  the top (shareable, mirrored in the URL, plus what the worker reports) and each run's or view's
 *  state under its own key, since their fields share names (running, entries, error…) with the lab's and each other's. main.tsx
 *  creates it once and hands it to the engine; views read it through the engine's context. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { labState, type LabState } from './lab-store';
import { compareSlice, type CompareState } from './compare';
import { evaluateSlice, type EvalState } from './evaluate';
import { prepareSlice, type PrepareState } from './prepare';
import { paperRunsSlice, type PaperRunsState } from './paper-runs';
import { accuracySlice, type AccuracyRow } from './accuracy-summary';
import { viewSlice, type ViewState } from './view-state';

export interface AppState extends LabState, ViewState {
  comparison: CompareState;
  evaluation: EvalState;
  prepare: PrepareState;
  paperRuns: PaperRunsState;
  /** The class's finished accuracy measurement, for the deck (null until a run finishes). */
  accuracy: { rows: AccuracyRow[] | null };
}

/** The slices kept under their own key (see slice-store.ts). */
export type NestedSlice = 'comparison' | 'evaluation' | 'prepare' | 'paperRuns' | 'accuracy' | 'cam';

export type AppStore = StoreApi<AppState>;

export const createAppStore = (): AppStore =>
  createStore<AppState>()((...a) => ({
    ...labState(...a),
    ...viewSlice(...a),
    ...compareSlice(...a),
    ...evaluateSlice(...a),
    ...prepareSlice(...a),
    ...paperRunsSlice(...a),
    ...accuracySlice(...a),
  }));

/** Small view state that outlives a view's mount: the activation-map toggle, the "update
 *  available" prompt, and whether a link's auto-run bench has already started in this app. */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';
import { sliceSetter } from './slice-store';

type ApplyUpdate = () => Promise<void>;

export interface ViewState {
  cam: { on: boolean; opacity: number; set: (patch: Partial<Pick<ViewState['cam'], 'on' | 'opacity'>>) => void };
  /** Set once a new version has installed; activates it and reloads. */
  applyUpdate: ApplyUpdate | null;
  offerUpdate: (apply: ApplyUpdate) => void;
  /** True the first time only: a link's auto=1 starts the bench once per app, not per mount. */
  claimBenchAutoStart: () => boolean;
}

export const viewSlice: StateCreator<AppState, [], [], ViewState> = (set) => {
  let benchAutoStarted = false;
  return {
    cam: { on: false, opacity: 0.55, set: sliceSetter(set, 'cam') },
    applyUpdate: null,
    offerUpdate: (applyUpdate) => set({ applyUpdate }),
    claimBenchAutoStart: () => {
      if (benchAutoStarted) return false;
      benchAutoStarted = true;
      return true;
    },
  };
};

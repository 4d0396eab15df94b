/** The engine's app store in a component, through a selector: it re-renders only when the selection changes. */
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store/app-store';
import { useEngine } from './engine-context';

export const useApp = <T>(select: (s: AppState) => T): T => useStore(useEngine().store, select);

/** Several fields of the store at once, compared one by one: a re-render when any of them changes. */
export const useAppPick = <K extends keyof AppState>(...keys: K[]): Pick<AppState, K> =>
  useApp(useShallow((s) => Object.fromEntries(keys.map((k) => [k, s[k]])) as Pick<AppState, K>));

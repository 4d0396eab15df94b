/** The app store (store/app-store.ts) in a component: the engine's store, from React context,
 *  read through a selector so the component re-renders only when what it selects changes. */
import { useStore } from 'zustand';
import type { AppState } from '../store/app-store';
import { useEngine } from './engine-context';

export const useApp = <T>(select: (s: AppState) => T): T => useStore(useEngine().store, select);

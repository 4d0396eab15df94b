/** The engine's app store in a component, through a selector: it re-renders only when the selection changes. */
import { useStore } from 'zustand';
import type { AppState } from '../store/app-store';
import { useEngine } from './engine-context';

export const useApp = <T>(select: (s: AppState) => T): T => useStore(useEngine().store, select);

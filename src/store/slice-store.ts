/** One slice of the app store as a store of its own: the runs (compare, evaluate, prepare, paper)
 *  keep writing `StoreApi<TheirState>` while their state lives under one key of the one store. */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState, NestedSlice } from './app-store';

type Patch<T> = Partial<T> | ((s: T) => Partial<T>);

/** `set` of the app store narrowed to the slice under `key` (a patch merges into that slice). */
export function sliceSetter<K extends NestedSlice>(set: StoreApi<AppState>['setState'], key: K): (patch: Patch<AppState[K]>) => void {
  return (patch) => set((s) => ({ [key]: { ...s[key], ...(typeof patch === 'function' ? patch(s[key]) : patch) } }));
}

/** The slice under `key` as a store: reads, writes and notifies only that slice. */
export function sliceStore<K extends NestedSlice>(store: StoreApi<AppState>, key: K): StoreApi<AppState[K]> {
  return {
    getState: () => store.getState()[key],
    getInitialState: () => store.getInitialState()[key],
    setState: sliceSetter(store.setState, key) as StoreApi<AppState[K]>['setState'],
    subscribe: (listener) =>
      store.subscribe((s, prev) => {
        if (s[key] !== prev[key]) listener(s[key], prev[key]);
      }),
  };
}

/** The app's one engine (made in main.tsx), handed down by React context rather than a module singleton. */
import { createContext, useContext } from 'react';
import type { Engine } from '../store/engine';

export const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine outside <EngineContext.Provider>');
  return engine;
}

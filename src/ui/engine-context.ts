/** The one engine of the app (created in main.tsx), handed to components through React context
 *  so they never reach for a module singleton. */
import { createContext, useContext } from 'react';
import type { Engine } from '../store/engine';

export const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine outside <EngineContext.Provider>');
  return engine;
}

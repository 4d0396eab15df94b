import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { createEngine } from './store/engine';
import { setTimer } from './store/paper-runs';
import { EngineContext } from './ui/engine-context';
import { InferenceClient } from './worker/client';
import { debugAllowed } from './store/debug-mode';
import { syncUrl, useLab } from './store/lab-store';
import './ui/styles.css';

syncUrl();
const engine = createEngine({ client: new InferenceClient(), store: useLab });
// A small scripting surface (also used by the browser tests): fault injection, memory, the
// worker's request log, the engine itself; only in dev builds or with ?debug=1.
if (debugAllowed()) Object.assign(window, {
  phiLab: { debug: engine.debug, kernelParity: engine.kernelParity, memory: engine.memory, soak: engine.soak, requestLog: engine.requestLog, engine, store: useLab },
});
// The scaling-methods race times its networks as one interleaved series through the engine.
setTimer(async (specs, runs) =>
  (await engine.measureSeries(specs, { runs })).map((e) => (e.ok ? { firstMs: e.firstMs, steadyMs: e.spread.medianMs } : { error: e.error })),
);
void engine.start();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EngineContext.Provider value={engine}>
      <App />
    </EngineContext.Provider>
  </StrictMode>,
);

// The app shell works offline once visited (weights are cached separately by the worker).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

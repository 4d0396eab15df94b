import './worker/trusted-types'; // first: the default policy precedes every script sink
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { createEngine } from './store/engine';
import { EngineContext } from './ui/engine-context';
import { inferenceClient } from './worker/client';
import { readUrl } from './store/url-props';
import { syncUrl } from './store/lab-store';
import { createAppStore } from './store/app-store';
import { UpdatePrompt } from './ui/UpdatePrompt';
import { registerSW } from 'virtual:pwa-register';
import './ui/styles.css';

// The app's one store, created here and handed to the engine; views read it through the engine.
const store = createAppStore();
syncUrl(store);
const engine = createEngine({ client: inferenceClient(), store });
// The scripting surface of the browser tests exposes internals to a mere link: production builds
// offer it only when the URL asks with ?debug=1.
if (import.meta.env.DEV || readUrl(location.search, 'bench').values.debug)
  Object.assign(window, {
    phiLab: { debug: engine.debug, kernelParity: engine.kernelParity, memory: engine.memory, soak: engine.soak, requestLog: engine.requestLog, engine, store },
  });
void engine.start();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EngineContext.Provider value={engine}>
      <App />
      <UpdatePrompt />
    </EngineContext.Provider>
  </StrictMode>,
);

// The service worker (src/sw.ts): a newer build waits for the "update available" prompt's Reload.
if (import.meta.env.PROD) {
  const update = registerSW({
    onNeedRefresh: () =>
      store.getState().offerUpdate(async () => {
        // registerSW reloads by itself only pages that were loaded under a service worker.
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        await update();
      }),
  });
}

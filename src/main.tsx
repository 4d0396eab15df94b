import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { debugWorker, kernelParity, soak, startEngine, workerMemory } from './store/engine';
import { syncUrl, useLab } from './store/lab-store';
import './ui/styles.css';

syncUrl();
// A small scripting surface (also used by the browser tests): fault injection and memory.
Object.assign(window, { phiLab: { debug: debugWorker, kernelParity, memory: workerMemory, soak, store: useLab } });
void startEngine();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The app shell works offline once visited (weights are cached separately by the worker).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

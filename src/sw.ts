/// <reference lib="webworker" />
// The service worker (vite-plugin-pwa's injectManifest → <base>sw.js). It precaches the build, so a
// page visited once starts offline on any backend; ONNX Runtime's big .wasm files are kept on first
// use instead. Model weights are never handled here (the inference worker caches them).
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { clientsClaim } from 'workbox-core';
import { SECURITY_FIX, precacheable, takesOver, withIsolation } from './sw-rules';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** The hand-written worker this one replaces kept its shell here; its caches are dropped. */
const LEGACY_PREFIX = 'phi-lab-shell-';

// Only a 200 of the type its name calls for enters the precache (sw-rules.ts): workbox alone takes
// any status below 400, so a host's SPA fallback could become a .wasm or the shell. What it serves
// carries COOP/COEP, so the page is cross-origin isolated even where the host sends no headers.
const isolate = { handlerWillRespond: async ({ response }: { response: Response }) => withIsolation(response) };
addPlugins([
  { cacheWillUpdate: async ({ request, response }) => (precacheable(request.url, response.status, response.headers.get('content-type')) ? response : null) },
  isolate,
]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages: the precached shell, whatever the query, so it always matches the precached chunks. Paths
// under the weights' folders, or naming a file, go to the network.
const isAppPage = (path: string) => !/\/(synthetic-)?models\/|\.[a-z0-9]+$/i.test(path);
registerRoute(({ request, url }) => request.mode === 'navigate' && isAppPage(url.pathname), createHandlerBoundToURL('index.html'));

// ONNX Runtime's .wasm (tens of MB, only for the bench's ONNX comparison): kept once fetched, as a
// 200 only; the names are content-hashed, and the two newest are enough.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && /\/ort-wasm[^/]*\.wasm$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'phi-lab-ort-wasm',
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 2 }), isolate],
  }),
);

// A build with a higher SECURITY_FIX than the active one takes over open tabs (sw-rules.ts); each
// build stores its number here for the next one to compare with.
const META = 'phi-lab-meta';
const FIX_KEY = new URL('__security-fix', self.registration.scope).href;
let takeover = false;
async function install(): Promise<void> {
  if (!self.registration.active) return; // a first install: clientsClaim takes the page
  const stored = await (await caches.open(META)).match(FIX_KEY);
  if (takesOver(stored ? Number(await stored.text()) || 0 : 0)) {
    takeover = true;
    await self.skipWaiting();
  }
}

async function activate(): Promise<void> {
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith(LEGACY_PREFIX)).map((k) => caches.delete(k)));
  await (await caches.open(META)).put(FIX_KEY, new Response(String(SECURITY_FIX)));
  if (!takeover) return;
  await self.clients.claim();
  for (const tab of await self.clients.matchAll({ type: 'window' })) void tab.navigate(tab.url).catch(() => undefined);
}

self.addEventListener('install', (event) => event.waitUntil(install()));
self.addEventListener('activate', (event) => event.waitUntil(activate()));

// Any other new version waits for the "update available" prompt (registerSW posts this message).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

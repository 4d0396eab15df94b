/** One route for the verified path's browser tests: the pinned weights URL answered from files on
 *  disk (or refused while "offline"), and the app's own files replayed from the first time they
 *  were served, with published blob ids in its JavaScript replaced by others.
 *
 *  Why a replacement at serve time and not a test manifest in a second build: the app's
 *  verification code runs unchanged, only its table of facts (pinned-blob-ids.json, inlined into
 *  the workers) differs, so nothing test-only can reach a production bundle and the browser tests
 *  keep their one build. `replaced` counts what was swapped: a bundle that no longer inlines the
 *  ids fails the tests instead of passing them vacuously. The replay lets a reload work with the
 *  context offline (the service worker is blocked so that routes see the worker's fetches). */
import type { BrowserContext, Page } from './fixtures/test';
import { PINNED_WEIGHTS_BASE } from '../src/model/pinned-sources';

export interface PinnedRoute {
  /** Paths below the pinned base the page asked for ('B0/model.json'), in order. */
  served: string[];
  /** Published id → the id the served JavaScript holds instead. */
  ids: Map<string, string>;
  /** How many ids the served JavaScript had replaced, in total. */
  replaced: number;
  /** While true the pinned source and any app file not served before are unreachable. */
  offline: boolean;
}

interface Stored {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Routes `context`: the pinned weights from `weight(path)` (null: a 404), the app at `appOrigin`. */
export async function routePinnedAndApp(context: BrowserContext, appOrigin: string, weight: (path: string) => Buffer | null): Promise<PinnedRoute> {
  const state: PinnedRoute = { served: [], ids: new Map(), replaced: 0, offline: false };
  const stored = new Map<string, Stored>();
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(PINNED_WEIGHTS_BASE)) {
      const path = url.slice(PINNED_WEIGHTS_BASE.length).split(/[?#]/)[0];
      state.served.push(path);
      if (state.offline) return route.abort('internetdisconnected');
      const body = weight(path);
      const headers = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/octet-stream' };
      return body ? route.fulfill({ body, headers }) : route.fulfill({ status: 404, headers });
    }
    if (new URL(url).origin !== appOrigin) return route.fallback();
    let file = stored.get(url);
    if (!file) {
      if (state.offline) return route.abort('internetdisconnected');
      const res = await route.fetch();
      const headers = { ...res.headers() };
      delete headers['content-length']; // the body may change length below
      delete headers['content-encoding']; // body() is decoded
      file = { status: res.status(), headers, body: await res.body() };
      stored.set(url, file);
    }
    let body = file.body;
    if (/javascript/.test(file.headers['content-type'] ?? '')) {
      let text = body.toString('utf8');
      for (const [published, instead] of state.ids) {
        const parts = text.split(published);
        state.replaced += parts.length - 1;
        text = parts.join(instead);
      }
      body = Buffer.from(text, 'utf8');
    }
    return route.fulfill({ status: file.status, headers: file.headers, body });
  });
  return state;
}

/** The URLs of the weights cache (Cache Storage) as the page sees them. */
export async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await (await caches.open('efficientnet-models-v1')).keys()).map((r) => r.url));
}

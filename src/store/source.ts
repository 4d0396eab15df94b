/** The weights' source: where the converted B0–B7 come from (probed, configured, remembered for
 *  offline starts), the gate a foreign ?models= link passes, and random-weights mode. */
import type { StoreApi } from 'zustand/vanilla';
import { PINNED_WEIGHTS_BASE, RANDOM_WEIGHTS_BASE } from '../model/pinned-sources';
import { DEFAULT_SYNTHETIC_SEED } from '../model/synthetic-init';
import type { ModelSpec } from '../worker/protocol';
import type { LabState } from './lab-store';

/** Only the pinned source has published blob ids; every other source is unverified. */
export const isVerifiedSource = (baseUrl: string): boolean => baseUrl.startsWith(PINNED_WEIGHTS_BASE);

export interface ModelSource {
  baseUrl: string;
  kind: SourceKind;
}

export const SOURCE_LABEL = {
  url: 'from the ?models= link',
  'self-hosted': 'self-hosted in public/models',
  configured: 'VITE_MODEL_BASE_URL',
  synthetic: 'synthetic (npm run models:synth)',
  public: 'public converted exports (pinned commit, verified)',
  random: 'seeded random weights made in this browser (?weights=random)',
};
export type SourceKind = keyof typeof SOURCE_LABEL;

async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store', redirect: 'manual' }); // as the loader: no redirects
    return res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
  } catch {
    return false;
  }
}

const absFolder = (u: string, origin: string) => new URL(u, origin).href.replace(/\/?$/, '/');

/* Precedence: ?models= › public/models/ (npm run models:fetch) › VITE_MODEL_BASE_URL ›
 *  /synthetic-models/ (npm run models:synth) › the public exports at their pinned commit. */
const PUBLIC_SOURCE: ModelSource = { baseUrl: PINNED_WEIGHTS_BASE, kind: 'public' };

const CONFIGURED = import.meta.env?.VITE_MODEL_BASE_URL as string | undefined;
const BASE: string = import.meta.env?.BASE_URL ?? '/';

/** The app's own folders in order of precedence (before the public source); `base` is Vite's: an
 *  app served under /lab/ finds its weights under /lab/models/. */
function ownSources(origin: string, configured: string | undefined, base: string): ModelSource[] {
  const root = base.endsWith('/') ? base : `${base}/`;
  return [
    { baseUrl: absFolder(`${root}models/`, origin), kind: 'self-hosted' },
    ...(configured ? [{ baseUrl: absFolder(configured, origin), kind: 'configured' as const }] : []),
    { baseUrl: absFolder(`${root}synthetic-models/`, origin), kind: 'synthetic' },
  ];
}

export async function resolveModelSource(explicit: string | null, origin: string, configured = CONFIGURED, exists = probe, base = BASE): Promise<ModelSource> {
  if (explicit) return { baseUrl: absFolder(explicit, origin), kind: 'url' };
  // Served folders are used only when their B0 answers.
  for (const s of ownSources(origin, configured, base)) if (s.kind === 'configured' || (await exists(`${s.baseUrl}B0/model.json`))) return s;
  return PUBLIC_SOURCE;
}

/** A source remembered in localStorage (for offline starts), or null unless it is exactly one the
 *  app would pick itself here: the same kind at the same URL. Anything on the same origin can
 *  write localStorage, and a remembered source is trusted without a question. */
export function rememberedSource(raw: string | null, origin: string, configured = CONFIGURED, base = BASE): ModelSource | null {
  let saved: Record<string, unknown>;
  try {
    saved = Object(JSON.parse(raw ?? 'null')) as Record<string, unknown>; // null or a primitive: no fields, no match
  } catch {
    return null;
  }
  return [...ownSources(origin, configured, base), PUBLIC_SOURCE].find((k) => k.baseUrl === saved.baseUrl && k.kind === saved.kind) ?? null;
}

/** The sources this page's CSP lets it fetch from (connect-src), or null without a CSP (dev server). */
export function cspConnectSources(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): string[] | null {
  const meta = doc?.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const policy = meta?.getAttribute('content');
  if (!policy) return null;
  const directive = policy.split(';').find((d) => d.trim().startsWith('connect-src'));
  return directive ? directive.trim().split(/\s+/).slice(1) : null;
}

/** Does one CSP source expression match `target`? 'self', a scheme (`https:`), an origin, or an
 *  origin with a path: a path ending in "/" is a prefix, any other must match exactly (CSP3). */
function sourceMatches(source: string, target: URL, origin: string): boolean {
  if (source === "'self'") return target.origin === origin;
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return target.protocol === source.toLowerCase();
  let src: URL;
  try {
    src = new URL(source);
  } catch {
    return false;
  }
  if (src.origin !== target.origin) return false;
  if (src.pathname === '/' && !source.replace(/^[a-z]+:\/\/[^/]+/i, '')) return true; // origin only
  return src.pathname.endsWith('/') ? target.pathname.startsWith(src.pathname) : target.pathname === src.pathname;
}

export function allowedByCsp(url: string, origin: string, allowed: string[] | null): boolean {
  if (!allowed) return true;
  const target = new URL(url, origin);
  return allowed.some((a) => sourceMatches(a, target, origin));
}

/* Weights from a stranger's ?models= site can make the lab show any prediction, so a foreign source
 *  is used only after the user has seen its host and clicked (not remembered). One the CSP forbids
 *  is refused, never fetched (a meta CSP does not reach the worker that would fetch it). */
export type SourceVerdict = { kind: 'trusted' } | { kind: 'ask'; host: string } | { kind: 'refused'; message: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocalHost = (host: string) => LOCAL_HOSTS.has(host) || host.endsWith('.localhost');

/** Pure: what to do with `source` on a page at `origin` whose CSP allows `csp`. */
export function judgeSource(source: ModelSource, origin: string, csp: string[] | null): SourceVerdict {
  const url = new URL(source.baseUrl, origin);
  const refused = (why: string): SourceVerdict => ({ kind: 'refused', message: `Refused to load weights from ${url.href}: ${why}` });
  // A link's source travels over https (anyone on the path could swap plain-http weights), except
  // on this machine or the page's own origin, which is no less safe than the page itself.
  if (source.kind === 'url' && url.protocol !== 'https:' && url.origin !== origin && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    return refused('a ?models= link must use https (plain http only for localhost).');
  }
  if (!allowedByCsp(url.href, origin, csp)) {
    return refused(
      `this build's Content-Security-Policy does not allow it. To use it, rebuild with VITE_CSP_CONNECT_EXTRA="${url.origin}" or host the weights with the app.`,
    );
  }
  const foreign = source.kind === 'url' && url.origin !== origin && !isVerifiedSource(url.href);
  return foreign ? { kind: 'ask', host: url.host } : { kind: 'trusted' };
}

/** Puts the question on screen (a host) or takes it down (null; dropLink: the user declined). */
export type AskSource = LabState['askSource'];

/** The user's answer to the source question, one per engine (the question on screen is the
 *  store's `pendingSource`). */
export function sourceQuestion() {
  let answer: ((use: boolean) => void) | null = null;
  return {
    wait: () => new Promise<boolean>((resolve) => (answer = resolve)).finally(() => (answer = null)),
    answer: (use: boolean): void => answer?.(use),
  };
}
export type SourceQuestion = ReturnType<typeof sourceQuestion>;

/** `source` when trusted or confirmed by the user, else the app's own sources (a refused link's
 *  source waits, its reason on screen, for that way out). Throws when an own source is refused. */
export async function gateSource(
  source: ModelSource,
  askSource: AskSource,
  question: SourceQuestion,
  origin = location.origin,
  csp = cspConnectSources(),
): Promise<ModelSource> {
  const verdict = judgeSource(source, origin, csp);
  if (verdict.kind === 'refused' && source.kind !== 'url') throw new Error(verdict.message);
  if (verdict.kind === 'trusted') return source;
  askSource({ host: new URL(source.baseUrl, origin).host, baseUrl: source.baseUrl, ...(verdict.kind === 'refused' && { refused: verdict.message }) });
  const use = (await question.wait()) && verdict.kind === 'ask';
  askSource(null, !use); // declined: the link's source leaves the address bar too
  if (use) return source;
  return gateSource(await resolveModelSource(null, origin), askSource, question, origin, csp);
}

/* Offline, the source that worked last time, so that cached weights still load. */
const SOURCE_KEY = 'phiLab.modelSource';

function offlineSource(resolved: ModelSource): ModelSource {
  try {
    const remembered = rememberedSource(localStorage.getItem(SOURCE_KEY), location.origin); // validated: storage is writable by the whole origin
    if (!navigator.onLine && remembered && resolved.kind !== 'url') return remembered;
    if (resolved.kind !== 'url') localStorage.setItem(SOURCE_KEY, JSON.stringify(resolved)); // a link's source is never kept
  } catch {
    // storage blocked (private mode): no memory of the source
  }
  return resolved;
}

export async function startSource(models: string | null, weights: 'random' | null, ask: AskSource, question: SourceQuestion): Promise<ModelSource> {
  if (weights === 'random') return RANDOM_SOURCE;
  return gateSource(offlineSource(await resolveModelSource(models, location.origin)), ask, question);
}

/** The weights' base URL once the engine has its source; rejects if the lab could not start. */
export function whenSource(store: Pick<StoreApi<LabState>, 'getState' | 'subscribe'>): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error('No model source after 2 minutes'))), 120_000);
    const unsub = store.subscribe((s) => check(s));
    function settle(f: () => void) {
      clearTimeout(timer);
      unsub();
      f();
    }
    function check(s: LabState) {
      if (s.source?.baseUrl) settle(() => resolve(s.source!.baseUrl));
      else if (s.status === 'error' && s.error) settle(() => reject(new Error(`The lab could not start: ${s.error}`)));
    }
    check(store.getState());
  });
}

/** Random-weights mode (?weights=random): the official B0–B7 built with seeded weights, no download.
 *  Only ever chosen by the user, never a silent fallback; its base URL is never fetched. */
export const RANDOM_SOURCE: ModelSource = { baseUrl: RANDOM_WEIGHTS_BASE, kind: 'random' };

/** Official Bk from the source at `baseUrl`: downloaded, or built with seeded weights. */
export function officialSpec(variant: number, baseUrl: string): ModelSpec {
  return baseUrl === RANDOM_SOURCE.baseUrl
    ? { kind: 'random', scaling: { variant }, seed: DEFAULT_SYNTHETIC_SEED } // the seed of the `npm run models:synth` exports
    : { kind: 'official', variant, source: baseUrl };
}

/** Where the converted B0–B7 weights come from, in order of precedence:
 *  ?models= (explicit) › public/models/ (self-hosted via `npm run models:fetch`) › VITE_MODEL_BASE_URL
 *  (build time) › /synthetic-models/ (dev/preview server, `npm run models:synth`) › the public
 *  converted exports at their pinned commit, the only source whose files are verified. */
import { PINNED_WEIGHTS_BASE } from '../model/pinned-sources';

export const DEFAULT_MODEL_BASE = PINNED_WEIGHTS_BASE;

/** Only the pinned source has published blob ids; every other source is unverified. */
export const isVerifiedSource = (baseUrl: string): boolean => baseUrl.startsWith(PINNED_WEIGHTS_BASE);

export type SourceKind = 'url' | 'self-hosted' | 'configured' | 'synthetic' | 'public' | 'random';

export interface ModelSource {
  baseUrl: string;
  kind: SourceKind;
}

export const SOURCE_LABEL: Record<SourceKind, string> = {
  url: 'from the ?models= link',
  'self-hosted': 'self-hosted in public/models',
  configured: 'VITE_MODEL_BASE_URL',
  synthetic: 'synthetic (npm run models:synth)',
  public: 'public converted exports (pinned commit, verified)',
  random: 'seeded random weights made in this browser (?weights=random)',
};

async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store', redirect: 'manual' }); // as the loader: no redirects
    return res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
  } catch {
    return false;
  }
}

export async function resolveModelSource(
  explicit: string | null,
  origin: string,
  configured: string | undefined = import.meta.env?.VITE_MODEL_BASE_URL as string | undefined,
  exists: (url: string) => Promise<boolean> = probe,
  /** Vite's `base`: an app served under /lab/ finds its weights under /lab/models/. */
  base: string = import.meta.env?.BASE_URL ?? '/',
): Promise<ModelSource> {
  const abs = (u: string) => new URL(u, origin).href.replace(/\/?$/, '/');
  const root = base.endsWith('/') ? base : `${base}/`;
  if (explicit) return { baseUrl: abs(explicit), kind: 'url' };
  if (await exists(abs(`${root}models/`) + 'B0/model.json')) return { baseUrl: abs(`${root}models/`), kind: 'self-hosted' };
  if (configured) return { baseUrl: abs(configured), kind: 'configured' };
  if (await exists(abs(`${root}synthetic-models/`) + 'B0/model.json')) {
    return { baseUrl: abs(`${root}synthetic-models/`), kind: 'synthetic' };
  }
  return { baseUrl: DEFAULT_MODEL_BASE, kind: 'public' };
}

/** A source remembered in localStorage (for offline starts), or null unless it is exactly one the
 *  app would pick itself here: the same kind at the same URL. Anything on the same origin can
 *  write localStorage, and a remembered source is trusted without a question. */
export function rememberedSource(
  raw: string | null,
  origin: string,
  configured: string | undefined = import.meta.env?.VITE_MODEL_BASE_URL as string | undefined,
  base: string = import.meta.env?.BASE_URL ?? '/',
): ModelSource | null {
  let parsed: unknown;
  try {
    parsed = raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { baseUrl, kind } = parsed as Record<string, unknown>;
  const abs = (u: string) => new URL(u, origin).href.replace(/\/?$/, '/');
  const root = base.endsWith('/') ? base : `${base}/`;
  const known: ModelSource[] = [
    { baseUrl: abs(`${root}models/`), kind: 'self-hosted' },
    ...(configured ? [{ baseUrl: abs(configured), kind: 'configured' as const }] : []),
    { baseUrl: abs(`${root}synthetic-models/`), kind: 'synthetic' },
    { baseUrl: DEFAULT_MODEL_BASE, kind: 'public' },
  ];
  return known.find((k) => k.baseUrl === baseUrl && k.kind === kind) ?? null;
}

/** The sources this page's Content-Security-Policy lets it fetch from (connect-src), or null
 *  without a CSP (the dev server). A ?models= source outside them cannot load in this build. */
export function cspConnectSources(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): string[] | null {
  const meta = doc?.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const policy = meta?.getAttribute('content');
  if (!policy) return null;
  const directive = policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src'));
  return directive ? directive.split(/\s+/).slice(1) : null;
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

/** The service worker's rules (src/sw.ts), pure so they are unit-tested: which responses may enter
 *  the precache, and when a newer build takes over open tabs. No imports. */

/** Bump when a release fixes something a hostile link, file or weights source could exploit: a
 *  higher number than the active build's activates at once and reloads every open tab instead of
 *  waiting for the person's Reload. (1: issue 25, hostile links and files.) */
export const SECURITY_FIX = 1;

/** Whether an installing build takes over at once: only over an older one (`active`, the number
 *  it stored; 0 for builds from before the rule), never on a first install (`active` null). */
export function takesOver(active: number | null, incoming: number = SECURITY_FIX): boolean {
  return active !== null && incoming > active;
}

/** The content type a precached file must have, by extension: a host's SPA fallback (a 200
 *  text/html for any path) must not become a script, a wasm binary or the shell. */
const EXPECTED: readonly [RegExp, RegExp][] = [
  [/\.html$/, /^text\/html\b/],
  [/\.m?js$/, /^(text|application)\/(x-)?javascript\b/],
  [/\.css$/, /^text\/css\b/],
  [/\.wasm$/, /^application\/wasm\b/],
  [/\.svg$/, /^image\/svg\+xml\b/],
  [/\.webmanifest$/, /^application\/(manifest\+)?json\b/],
];

/** A 200 of the type its file name calls for; anything else fails the install (the running build stays). */
export function precacheable(url: string, status: number, contentType: string | null): boolean {
  if (status !== 200) return false;
  const path = new URL(url, 'https://x.invalid/').pathname;
  const rule = EXPECTED.find(([name]) => name.test(path));
  const type = (contentType ?? '').toLowerCase();
  return rule ? rule[1].test(type) : !type.startsWith('text/html');
}

/** Cross-origin isolation (SharedArrayBuffer: wasm threads) on hosts that cannot send headers (GitHub
 *  Pages); credentialless, not require-corp: the gallery's cross-origin photos carry no CORP header. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/** `response` with the isolation headers it lacks (a host's own values win). Opaque and error
 *  responses (status 0) cannot be rebuilt and pass unchanged. */
export function withIsolation(response: Response): Response {
  if (response.status === 0) return response;
  const missing = Object.entries(ISOLATION_HEADERS).filter(([name]) => !response.headers.has(name));
  if (!missing.length) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

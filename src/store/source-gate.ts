/** A ?models= link can point anywhere, and weights from a stranger's site can make the lab show
 *  any prediction (and no synthetic-weights banner). So a foreign source is used only after the
 *  user has seen its host and clicked; nothing is requested from it before, and the answer is not
 *  remembered. A source this build's Content-Security-Policy forbids is refused with a message,
 *  never fetched (a meta CSP does not reach the worker that would fetch it). */
import type { LabState } from './lab-store';
import { DEFAULT_MODEL_BASE, allowedByCsp, cspConnectSources, resolveModelSource, type ModelSource } from './model-source';

export type SourceVerdict = { kind: 'trusted' } | { kind: 'ask'; host: string } | { kind: 'refused'; message: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocalHost = (host: string) => LOCAL_HOSTS.has(host) || host.endsWith('.localhost');

/** Pure: what to do with `source` on a page at `origin` whose CSP allows `csp` (null: no CSP). */
export function judgeSource(source: ModelSource, origin: string, csp: string[] | null): SourceVerdict {
  const url = new URL(source.baseUrl, origin);
  // A link's source travels over https (anyone on the path could swap plain-http weights), except
  // on this machine or the page's own origin, which is no less safe than the page itself.
  if (source.kind === 'url' && url.protocol !== 'https:' && url.origin !== origin && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    return {
      kind: 'refused',
      message: `Refused to load weights from ${url.href}: a ?models= link must use https (plain http only for localhost).`,
    };
  }
  if (!allowedByCsp(url.href, origin, csp)) {
    return {
      kind: 'refused',
      message:
        `Refused to load weights from ${url.href}: this build's Content-Security-Policy does not allow it. ` +
        `To use it, rebuild with VITE_CSP_CONNECT_EXTRA="${url.origin}" or host the weights with the app.`,
    };
  }
  const foreign = source.kind === 'url' && url.origin !== origin && !url.href.startsWith(DEFAULT_MODEL_BASE);
  return foreign ? { kind: 'ask', host: url.host } : { kind: 'trusted' };
}

let answer: ((use: boolean) => void) | null = null;

/** Puts the question on screen (a host) or takes it down (null; dropLink: the user declined). */
export type AskSource = LabState['askSource'];

/** The source to use: `source` itself when trusted; for a foreign one, it once the user confirms
 *  (asked through the engine's store), or the app's own sources when they decline. A refused
 *  link's source waits, its reason on screen, for the one way out: the app's own sources. Throws
 *  when a source the app chose itself is refused (nothing else to fall back on). */
export async function gateSource(source: ModelSource, askSource: AskSource, origin = location.origin, csp = cspConnectSources()): Promise<ModelSource> {
  const verdict = judgeSource(source, origin, csp);
  if (verdict.kind === 'refused' && source.kind !== 'url') throw new Error(verdict.message);
  if (verdict.kind === 'trusted') return source;
  const host = new URL(source.baseUrl, origin).host;
  askSource(verdict.kind === 'ask' ? { host, baseUrl: source.baseUrl } : { host, baseUrl: source.baseUrl, refused: verdict.message });
  const use = (await new Promise<boolean>((resolve) => (answer = resolve))) && verdict.kind === 'ask';
  answer = null;
  askSource(null, !use); // declined: the link's source leaves the address bar too
  if (use) return source;
  return gateSource(await resolveModelSource(null, origin), askSource, origin, csp);
}

/** The user's answer to the pending question (no-op when none is pending). */
export function answerSource(use: boolean): void {
  answer?.(use);
}

/** The production build's Content-Security-Policy (vite.config.ts puts it in a <meta> tag, and
 *  `vite preview` sends it as a header, which also covers the workers). No remote scripts, no eval
 *  (only wasm compilation), workers from the app's own origin, no inline styles, and fetches only to
 *  the app and the exact pinned repository path of the weights (not the whole of
 *  raw.githubusercontent.com, where anyone can publish) and of the sample gallery's and the
 *  ImageNet sample's photos. */
import { GALLERY_BASE, IMAGENET_SAMPLE_BASE, PINNED_WEIGHTS_BASE } from '../../src/model/pinned-sources.ts';

/** Source expressions for URLs below `base` (CSP3: a path ending in "/" matches as a prefix). */
const below = (base: string) => new URL(base).href.replace(/\/?$/, '/');

/** VITE_CSP_CONNECT_EXTRA: space-separated origins (scheme://host[:port]); anything else (paths,
 *  keywords, wildcards, stray ";") is a build error, not a silently wider policy. */
export function parseExtraOrigins(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((o) => {
      let url: URL | null = null;
      try {
        url = new URL(o);
      } catch {
        // reported below
      }
      const shaped = /^https?:\/\/([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?\/?$/i.test(o);
      if (!url || !shaped || url.origin !== o.replace(/\/$/, '').toLowerCase()) {
        throw new Error(`VITE_CSP_CONNECT_EXTRA: "${o}" is not an origin such as https://cdn.example or http://127.0.0.1:8080`);
      }
      return url.origin;
    });
}

export function contentSecurityPolicy(env: Record<string, string | undefined>, asHeader = false): string {
  // The gallery's photos are fetched (not just shown) so their blob ids can be checked.
  const connect = new Set(["'self'", below(PINNED_WEIGHTS_BASE), below(GALLERY_BASE), below(IMAGENET_SAMPLE_BASE)]);
  if (env.VITE_MODEL_BASE_URL?.startsWith('http')) connect.add(below(env.VITE_MODEL_BASE_URL));
  for (const o of parseExtraOrigins(env.VITE_CSP_CONNECT_EXTRA)) connect.add(o);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    // Shown: blob: copies of the user's images and the gallery's photos (no data: URLs anywhere).
    `img-src 'self' blob: ${below(GALLERY_BASE)}`,
    // The camera preview is a MediaStream (srcObject), not a URL.
    "media-src 'self'",
    "style-src 'self'",
    // No HTML or script strings reach a sink; script URLs pass the default policy (same origin).
    "require-trusted-types-for 'script'",
    'trusted-types default',
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "manifest-src 'self'",
    // Ignored in a <meta> tag: only a header can forbid framing.
    ...(asHeader ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}

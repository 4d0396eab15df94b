/** The Trusted Types default policy, installed first thing in the page (main.tsx) and in each
 *  worker: under the CSP's `require-trusted-types-for 'script'` every string handed to a script
 *  sink passes through it. Script URLs (workers, the service worker) are let through only from the
 *  app's own origin; HTML and script strings have no handler, so innerHTML, eval-like sinks and
 *  the like throw. Browsers without Trusted Types skip it (the directive means nothing there). */

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL: (url: string) => string }): unknown;
  defaultPolicy?: unknown;
}

const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
if (tt && !tt.defaultPolicy) {
  tt.createPolicy('default', {
    createScriptURL: (url) => {
      if (new URL(url, location.href).origin !== location.origin) throw new TypeError(`Refused a script from another origin: ${url}`);
      return url;
    },
  });
}

export {}; // a module, so that its names stay its own

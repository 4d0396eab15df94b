import { describe, expect, it } from 'vitest';
import { GALLERY_BASE, IMAGENET_SAMPLE_BASE, PINNED_WEIGHTS_BASE as DEFAULT_MODEL_BASE } from '../../src/model/pinned-sources';
import { contentSecurityPolicy, parseExtraOrigins } from './csp';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('content security policy', () => {
  it('connect-src names the pinned weights and gallery paths, not the whole host; no inline styles', () => {
    const csp = contentSecurityPolicy({});
    expect(directive(csp, 'connect-src')).toBe(`connect-src 'self' ${DEFAULT_MODEL_BASE} ${GALLERY_BASE} ${IMAGENET_SAMPLE_BASE}`);
    expect(DEFAULT_MODEL_BASE).toMatch(
      /^https:\/\/raw\.githubusercontent\.com\/ntedgi\/efficientnet-tensorflowjs-binaries\/35e685b9408fc382f8e3f6d00ab73c32e1abb91f\/.+\/$/,
    );
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'img-src')).toBe(`img-src 'self' blob: ${GALLERY_BASE}`);
    expect(directive(csp, 'media-src')).toBe("media-src 'self'");
    expect(directive(csp, 'require-trusted-types-for')).toBe("require-trusted-types-for 'script'");
    expect(directive(csp, 'trusted-types')).toBe('trusted-types default');
    expect(GALLERY_BASE).toMatch(/^https:\/\/raw\.githubusercontent\.com\/ntedgi\/node-efficientnet\/ecb1f2ab818a0a5c4ee86d932fd407d2c6667c0e\/.+\/$/);
    expect(csp).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({}, true)).toMatch(/; frame-ancestors 'none'$/);
  });
  it('adds the configured base as a path and validated extra origins', () => {
    const csp = contentSecurityPolicy({
      VITE_MODEL_BASE_URL: 'https://w.example/effnet',
      VITE_CSP_CONNECT_EXTRA: ' https://cdn.example  http://127.0.0.1:8080/ ',
    });
    expect(directive(csp, 'connect-src')).toBe(
      `connect-src 'self' ${DEFAULT_MODEL_BASE} ${GALLERY_BASE} ${IMAGENET_SAMPLE_BASE} https://w.example/effnet/ https://cdn.example http://127.0.0.1:8080`,
    );
  });
  it('refuses anything in VITE_CSP_CONNECT_EXTRA that is not an origin', () => {
    for (const bad of [
      '*',
      'https:',
      "'unsafe-inline'",
      'https://cdn.example/path',
      'cdn.example',
      'ftp://x.example',
      'https://a.example;script-src',
      'https://*.example',
    ]) {
      expect(() => parseExtraOrigins(bad), bad).toThrow(/VITE_CSP_CONNECT_EXTRA: ".*" is not an origin/);
    }
    expect(parseExtraOrigins(undefined)).toEqual([]);
  });
});

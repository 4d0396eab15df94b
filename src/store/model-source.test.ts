import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_BASE, resolveModelSource } from './model-source';

const O = 'http://127.0.0.1:4173';
const has = (...urls: string[]) => async (u: string) => urls.includes(u);

describe('model source precedence', () => {
  it('an explicit ?models= wins', async () => {
    const s = await resolveModelSource('https://cdn.example/m', O, undefined, has(`${O}/models/B0/model.json`));
    expect(s).toEqual({ baseUrl: 'https://cdn.example/m/', kind: 'url' });
  });
  it('self-hosted public/models beats configured and synthetic', async () => {
    const s = await resolveModelSource(null, O, 'https://x.example/', has(`${O}/models/B0/model.json`, `${O}/synthetic-models/B0/model.json`));
    expect(s.kind).toBe('self-hosted');
    expect(s.baseUrl).toBe(`${O}/models/`);
  });
  it('build-time VITE_MODEL_BASE_URL, then synthetic, then the public exports', async () => {
    expect((await resolveModelSource(null, O, 'https://x.example/m', has())).baseUrl).toBe('https://x.example/m/');
    expect((await resolveModelSource(null, O, undefined, has(`${O}/synthetic-models/B0/model.json`))).kind).toBe('synthetic');
    expect(await resolveModelSource(null, O, undefined, has())).toEqual({ baseUrl: DEFAULT_MODEL_BASE, kind: 'public' });
  });
});

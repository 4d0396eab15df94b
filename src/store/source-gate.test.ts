// Where weights may come from (issue 25, items 4 and 8): ?models= over https only (localhost and
// the page's own origin aside), a refused link's source declinable in one click, and a
// remembered source used only when it is one the app would pick itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PINNED_WEIGHTS_BASE } from '../model/pinned-sources';
import { gateSource, sourceQuestion, judgeSource, rememberedSource, type AskSource, type ModelSource } from './source';

const O = 'https://lab.example';
const url = (baseUrl: string): ModelSource => ({ baseUrl, kind: 'url' });

afterEach(() => vi.unstubAllGlobals());

describe('judgeSource', () => {
  it('refuses a plain-http ?models= link, whatever the CSP says', () => {
    expect(judgeSource(url('http://weights.example/m/'), O, null)).toEqual({
      kind: 'refused',
      message: 'Refused to load weights from http://weights.example/m/: a ?models= link must use https (plain http only for localhost).',
    });
    expect(judgeSource(url('ftp://weights.example/m/'), O, null).kind).toBe('refused');
    expect(judgeSource(url('data:application/json,{}'), O, null).kind).toBe('refused');
  });

  it("allows http for localhost and the page's own origin; asks for a foreign https host", () => {
    expect(judgeSource(url('http://localhost:8080/m/'), O, null)).toEqual({ kind: 'ask', host: 'localhost:8080' });
    expect(judgeSource(url('http://127.0.0.1:9/m/'), O, null)).toEqual({ kind: 'ask', host: '127.0.0.1:9' });
    expect(judgeSource(url('http://10.0.0.5/models/'), 'http://10.0.0.5', null)).toEqual({ kind: 'trusted' });
    expect(judgeSource(url('https://weights.example/m/'), O, null)).toEqual({ kind: 'ask', host: 'weights.example' });
    expect(judgeSource(url(PINNED_WEIGHTS_BASE), O, null)).toEqual({ kind: 'trusted' });
  });
});

describe('gateSource', () => {
  it('a refused link waits with its reason on screen; declining gives the lab its own weights and drops the link', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 })); // no self-hosted or synthetic weights
    const asked: Parameters<AskSource>[] = [];
    const ask: AskSource = (...a) => void asked.push(a);
    const question = sourceQuestion();
    const got = gateSource(url('https://blocked.example/m/'), ask, question, O, ["'self'"]);
    await Promise.resolve();
    expect(asked).toEqual([
      [
        {
          host: 'blocked.example',
          baseUrl: 'https://blocked.example/m/',
          refused:
            "Refused to load weights from https://blocked.example/m/: this build's Content-Security-Policy does not allow it. " +
            'To use it, rebuild with VITE_CSP_CONNECT_EXTRA="https://blocked.example" or host the weights with the app.',
        },
      ],
    ]);
    question.answer(true); // a refused source cannot be confirmed: only declined
    await expect(got).rejects.toThrow('Refused to load weights from https://raw.githubusercontent.com/'); // the own public source, blocked by this CSP
    expect(asked[1]).toEqual([null, true]);
  });

  it("declined, it continues with the app's own source", async () => {
    vi.stubGlobal('fetch', async (u: string) => new Response('{}', { status: String(u).includes('/synthetic-models/') ? 200 : 404 }));
    const asked: Parameters<AskSource>[] = [];
    const question = sourceQuestion();
    const got = gateSource(url('http://weights.example/m/'), (...a) => void asked.push(a), question, O, null);
    await Promise.resolve();
    expect(asked[0][0]?.refused).toContain('must use https');
    question.answer(false);
    await expect(got).resolves.toEqual({ baseUrl: `${O}/synthetic-models/`, kind: 'synthetic' });
    expect(asked[1]).toEqual([null, true]);
  });
});

describe('rememberedSource', () => {
  it('accepts only a source the app would pick itself, at the same URL', () => {
    const self = JSON.stringify({ baseUrl: `${O}/models/`, kind: 'self-hosted' });
    expect(rememberedSource(self, O, undefined, '/')).toEqual({ baseUrl: `${O}/models/`, kind: 'self-hosted' });
    expect(rememberedSource(JSON.stringify({ baseUrl: PINNED_WEIGHTS_BASE, kind: 'public' }), O, undefined, '/')?.kind).toBe('public');
    for (const planted of [
      { baseUrl: 'https://evil.example/', kind: 'self-hosted' },
      { baseUrl: 'https://evil.example/', kind: 'public' },
      { baseUrl: `${O}/models/`, kind: 'url' },
      { baseUrl: `${O}/models/`, kind: 'synthetic' },
      { baseUrl: 'random:', kind: 'random' },
      { kind: 'public' },
      null,
      'https://evil.example/',
    ]) {
      expect(rememberedSource(JSON.stringify(planted), O, undefined, '/'), JSON.stringify(planted)).toBeNull();
    }
    expect(rememberedSource('{not json', O)).toBeNull();
    expect(rememberedSource(null, O)).toBeNull();
  });
});

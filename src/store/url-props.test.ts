import { describe, expect, it } from 'vitest';
import { readUrl, URL_PROPS, writeUrl, type UrlValues } from './url-props';

/** One non-default value per property and the query that carries it (typed over the whole table:
 *  a property added without a sample does not compile). */
const SAMPLES: { [K in keyof UrlValues]: { query: string; value: UrlValues[K] } } = {
  phi: { query: 'phi=2.5', value: 2.5 },
  view: { query: 'view=evaluate', value: 'evaluate' },
  compare: { query: 'compare=B0,B3,B7', value: [0, 3, 7] },
  evaluate: { query: 'eval=B2', value: [2] },
  backend: { query: 'backend=wasm', value: 'wasm' },
  models: { query: 'models=https://example.org/m/', value: 'https://example.org/m/' },
  present: { query: 'present=1', value: true },
  slide: { query: 'slide=4', value: 4 },
  formula: { query: 'formula=1', value: true },
  weights: { query: 'weights=random', value: 'random' },
  kernels: { query: 'kernels=tiled', value: 'tiled' },
  alpha: { query: 'alpha=1.3', value: 1.3 },
  beta: { query: 'beta=1.05', value: 1.05 },
  gamma: { query: 'gamma=1.25', value: 1.25 },
  auto: { query: 'auto=1', value: true },
  backends: { query: 'backends=webgl,wasm', value: ['webgl', 'wasm'] },
  variants: { query: 'variants=B5,2', value: [2, 5] },
  runs: { query: 'runs=40', value: 40 },
  threads: { query: 'threads=2,1,0,x', value: [2, 1] },
  flags: { query: 'flags=WEBGPU_X=2,PACK=false', value: { WEBGPU_X: 2, PACK: false } },
  debug: { query: 'debug=1', value: true },
};
const KEYS = Object.keys(URL_PROPS) as (keyof UrlValues)[];
const DEFAULTS = readUrl('', 'lab').values;

describe('the URL property table', () => {
  it('gives every property a distinct query name', () => {
    const names = KEYS.map((k) => URL_PROPS[k].name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(KEYS)('reads %s alone: its value, every other property at its default, no notice', (k) => {
    const { values, notices } = readUrl(`?${SAMPLES[k].query}`, URL_PROPS[k].view === 'bench' ? 'bench' : 'lab');
    expect(notices).toEqual([]);
    expect(values).toEqual({ ...DEFAULTS, [k]: SAMPLES[k].value });
  });

  it.each(KEYS)('writes %s back as it was read', (k) => {
    const query = writeUrl({ [k]: SAMPLES[k].value });
    expect(readUrl(query, 'lab').values[k]).toEqual(SAMPLES[k].value);
    expect(writeUrl(readUrl(query, 'lab').values)).toBe(query);
  });

  it('writes nothing for defaults, and every property in the order of the table', () => {
    expect(writeUrl(DEFAULTS)).toBe('');
    const all = Object.fromEntries(KEYS.map((k) => [k, SAMPLES[k].value])) as UrlValues;
    expect(writeUrl(all)).toBe(
      '?phi=2.5&view=evaluate&compare=B0%2CB3%2CB7&eval=B2&backend=wasm&models=https%3A%2F%2Fexample.org%2Fm%2F&present=1&slide=4&formula=1&weights=random' +
        '&kernels=tiled&alpha=1.3&beta=1.05&gamma=1.25&auto=1&backends=webgl%2Cwasm&variants=B2%2CB5&runs=40&threads=2%2C1&flags=WEBGPU_X%3D2%2CPACK%3Dfalse&debug=1',
    );
  });

  it('reports notices only for the view that reads the property', () => {
    expect(readUrl('?kernels=fast&runs=0&backend=cuda', 'bench').notices).toEqual(['Ignored kernels "fast": use one of auto, barrier-free, tiled, stock']);
    expect(readUrl('?kernels=fast&runs=0&backend=cuda', 'lab').notices).toEqual([
      'Ignored backend "cuda": use one of webgpu, webgl, wasm, cpu',
      'Ignored kernels "fast": use one of auto, barrier-free, tiled, stock',
    ]);
  });
});

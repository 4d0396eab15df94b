import { describe, expect, it } from 'vitest';
import { csvField as csvCell } from '../scaling/csv';
import { disagreeing, evalCsv, evalJson, rightOnlyBy, summarize, wilson, wrongSomewhere, type EvalRow } from './eval-results';
import type { EvalNetwork } from './evaluate';

const net = (name: string, flops: number, paperTop1: number): EvalNetwork => ({
  name,
  key: name,
  spec: { kind: 'random', scaling: { variant: 0 }, seed: 1 },
  config: null,
  flops,
  resolution: 224,
  paperTop1,
});
const NETS = [net('B0', 0.39e9, 77.1), net('B1', 0.7e9, 79.1)];
const top = (...idx: number[]) => idx.map((index, i) => ({ index, prob: 0.5 / (i + 1) }));
const row = (file: string, label: number | null, b0: number[] | null, b1: number[] | null, error: string | null = null): EvalRow => ({
  file,
  label,
  thumb: null,
  error,
  preds: [b0 && top(...b0), b1 && top(...b1)],
});

const ROWS: EvalRow[] = [
  row('/a.jpg', 1, [1, 2], [1, 3]), // both right
  row('/b.jpg', 2, [5, 2], [2, 5]), // B1 right, B0 top-5 only
  row('/c.jpg', 3, [3, 4], [4, 9]), // B0 right, B1 wrong (not in top-5 either)
  row('/d.jpg', null, [7], [8]), // unlabelled: predictions, no accuracy
  row('/e, "x".jpg', 4, null, null, 'undecodable'),
];

describe('Wilson 95% interval', () => {
  it('matches the closed form at the edges and the middle', () => {
    const close = (a: { lo: number; hi: number }, lo: number, hi: number) => {
      expect(a.lo).toBeCloseTo(lo, 12);
      expect(a.hi).toBeCloseTo(hi, 12);
    };
    close(wilson(0, 10), 0, 0.2775327998628892);
    close(wilson(5, 10), 0.236593090512564, 0.7634069094874361);
    close(wilson(10, 10), 0.7224672001371107, 1);
    close(wilson(81, 100), 0.7222115462093562, 0.8748524849023126);
    close(wilson(1, 1000), 0.00017654637062607852, 0.0056425585979579355);
    expect(() => wilson(0, 0)).toThrow(/no trials/);
  });
});

describe('accuracy summary', () => {
  it('counts labelled, classified images only; top-1, top-5, interval and throughput', () => {
    const [b0, b1] = summarize(ROWS, NETS, [
      { ms: 400, images: 5 },
      { ms: 1000, images: 5 },
    ]);
    expect(b0).toMatchObject({ network: 'B0', total: 3, correct: 2, top5Correct: 3, paperTop1: 77.1, imagesPerSec: 12.5, msPerImage: 80 });
    expect(b0.top1).toBeCloseTo(200 / 3, 12);
    expect(b0.top5).toBe(100);
    expect(b0.ci!.lo).toBeCloseTo(100 * wilson(2, 3).lo, 12);
    expect(b1).toMatchObject({ total: 3, correct: 2, top5Correct: 2, imagesPerSec: 5, msPerImage: 200 });
    expect(summarize([row('/d.jpg', null, [7], [8])], NETS, [])[0]).toMatchObject({ total: 0, top1: null, ci: null, imagesPerSec: null });
  });

  it('finds what one network gets right and the other not, disagreements and mistakes', () => {
    expect(rightOnlyBy(ROWS, 1, 0).map((r) => r.file)).toEqual(['/b.jpg']);
    expect(rightOnlyBy(ROWS, 0, 1).map((r) => r.file)).toEqual(['/c.jpg']);
    expect(disagreeing(ROWS).map((r) => r.file)).toEqual(['/b.jpg', '/c.jpg', '/d.jpg']);
    expect(wrongSomewhere(ROWS).map((r) => r.file)).toEqual(['/b.jpg', '/c.jpg']);
  });
});

describe('exports', () => {
  it('CSV: a header and one row per image × network, quoted where needed', () => {
    const lines = evalCsv(ROWS, NETS).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + ROWS.length * NETS.length);
    expect(lines[0]).toBe('file,label,label_name,network,top1,top1_name,top1_prob,correct,top5,in_top5,error');
    expect(lines[1]).toBe('/a.jpg,1,goldfish,B0,1,goldfish,0.5,1,1;2,1,');
    expect(lines[6]).toBe('/c.jpg,3,tiger shark,B1,4,hammerhead,0.5,0,4;9,0,');
    expect(lines[7]).toBe('/d.jpg,,,B0,7,cock,0.5,,7,,');
    expect(lines[9]).toBe('"/e, ""x"".jpg",4,hammerhead,B0,,,,,,,undecodable');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('JSON: the same rows with each summary', () => {
    const j = JSON.parse(evalJson(ROWS, NETS, summarize(ROWS, NETS, []), { backend: 'wasm' })) as {
      backend: string;
      results: unknown[];
      summaries: { correct: number }[];
    };
    expect(j.backend).toBe('wasm');
    expect(j.results).toHaveLength(10);
    expect(j.results[2]).toEqual({ file: '/b.jpg', label: 2, network: 'B0', top5: top(5, 2), correct: false, error: null });
    expect(j.summaries.map((s) => s.correct)).toEqual([2, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { formulaNetwork, OFFICIAL_VARIANTS, officialNetwork } from '../../scaling';
import { blankEntry, compareCsv, type CompareEntry } from '../../store/compare';
import {
  ACCURACY_SERIES,
  agreement,
  compareJson,
  fmtFlopsTick,
  fmtTick,
  latencyPoints,
  logDomain,
  logTicks,
  phiMarker,
  progressText,
  togglePick,
} from './compare-model';

/** A hand-built entry; figures are made up except where a test says otherwise. */
function entry(variant: number, p: Partial<CompareEntry> = {}): CompareEntry {
  return { ...blankEntry(variant), resolution: 224 + variant, flops: (variant + 1) * 1e8, params: (variant + 5) * 1e6, paperTop1: 77 + variant, ...p };
}
const pred = (index: number, label: string, prob: number) => ({ index, label, prob });
const done = (variant: number, top1: number, label: string, steadyMs = 10 * (variant + 1)): CompareEntry =>
  entry(variant, { status: 'done', top5: [pred(top1, label, 0.5)], firstMs: 500, steadyMs });

describe('togglePick', () => {
  it('adds a variant in sorted order', () => {
    expect(togglePick([0, 3], 1)).toEqual([0, 1, 3]);
  });
  it('removes a variant while more than two remain', () => {
    expect(togglePick([0, 1, 3], 1)).toEqual([0, 3]);
  });
  it('refuses to go below two', () => {
    expect(togglePick([2, 5], 5)).toBeNull();
  });
});

describe('progressText', () => {
  it('is empty before any run', () => {
    expect(progressText([], false)).toBe('');
  });
  it('names the active variant and its position', () => {
    const es = [done(0, 1, 'a'), entry(1, { status: 'running' }), entry(2)];
    expect(progressText(es, true)).toBe('Running B1 (2 of 3)…');
  });
  it('says Loading while weights download', () => {
    expect(progressText([entry(4, { status: 'loading' }), entry(5)], true)).toBe('Loading B4 (1 of 2)…');
  });
  it('names the next pending variant between two runs', () => {
    expect(progressText([done(0, 1, 'a'), entry(2), entry(3)], true)).toBe('Running B2 (2 of 3)…');
  });
  it('summarises a finished run with failures', () => {
    const es = [done(0, 1, 'a'), entry(1, { status: 'error', error: 'oom' }), done(2, 1, 'a')];
    expect(progressText(es, false)).toBe('Finished 2 of 3 (1 failed).');
  });
});

describe('latencyPoints', () => {
  it('keeps only finished entries with a positive steady latency', () => {
    const es = [
      done(0, 1, 'a', 12.5),
      entry(1, { status: 'running', steadyMs: 99 }),
      entry(2, { status: 'error', error: 'x' }),
      done(3, 1, 'a', 0),
      entry(4, { status: 'done', steadyMs: null }),
      done(5, 2, 'b', 80),
    ];
    expect(latencyPoints(es)).toEqual([
      { name: 'B0', variant: 0, flops: 1e8, steadyMs: 12.5, range: [0, 0] },
      { name: 'B5', variant: 5, flops: 6e8, steadyMs: 80, range: [0, 0] },
    ]);
  });
  it('turns the p25–p75 range into error-bar lengths below and above the median', () => {
    const [p] = latencyPoints([done(0, 1, 'a', 100)].map((e) => ({ ...e, p25Ms: 90, p75Ms: 130 })));
    expect(p.range).toEqual([10, 30]);
  });
});

describe('ACCURACY_SERIES', () => {
  const series = ACCURACY_SERIES;
  it('has the eight official variants sorted by FLOPs', () => {
    expect(series).toHaveLength(8);
    expect(series.map((p) => p.name)).toEqual(['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7']);
    for (let i = 1; i < series.length; i++) expect(series[i].flops).toBeGreaterThan(series[i - 1].flops);
  });
  it('takes top-1 from the paper table and FLOPs from the computed network', () => {
    expect(series[3].top1).toBe(OFFICIAL_VARIANTS[3].paperTop1);
    expect(series[3].top1).toBe(81.6);
    expect(series[0].flops).toBe(officialNetwork(0).flops);
    // Computed multiply-adds land near the paper's 0.39 B for B0.
    expect(series[0].flops / series[0].paperFlops).toBeGreaterThan(0.9);
    expect(series[0].flops / series[0].paperFlops).toBeLessThan(1.1);
  });
});

describe('phiMarker', () => {
  it('puts the line at the formula network FLOPs and highlights the nearest official variant', () => {
    const m = phiMarker(2.4);
    expect(m.flops).toBe(formulaNetwork(2.4).flops);
    expect(m.label).toBe('φ=2.4');
    expect(m.nearest.name).toBe('B2');
    expect(m.nearest.top1).toBe(80.1);
  });
  it('rounds up past the midpoint', () => {
    const m = phiMarker(4.6);
    expect(m.nearest.name).toBe('B5');
    expect(m.flops).toBe(formulaNetwork(4.6).flops);
  });
});

describe('log axis helpers', () => {
  it('pads the domain around the positive values', () => {
    expect(logDomain([2, 0, 50], 2)).toEqual([1, 100]);
    expect(logDomain([])).toEqual([1, 10]);
  });
  it('lists 1-2-5 ticks within the domain', () => {
    expect(logTicks(3, 60)).toEqual([5, 10, 20, 50]);
  });
  it('uses 1-3 steps over a medium span', () => {
    expect(logTicks(1, 1000)).toEqual([1, 3, 10, 30, 100, 300, 1000]);
  });
  it('keeps only decades over a wide span', () => {
    expect(logTicks(2e8, 6e12)).toEqual([1e9, 1e10, 1e11, 1e12]);
  });
  it('formats compact ticks', () => {
    expect(fmtTick(50)).toBe('50');
    expect(fmtTick(0.30000000000000004)).toBe('0.3');
    expect(fmtFlopsTick(5e8)).toBe('500M');
    expect(fmtFlopsTick(2.5e9)).toBe('2.5B');
  });
});

describe('agreement', () => {
  it('marks the variants sharing the most common top-1', () => {
    const es = [done(0, 281, 'tabby'), done(1, 285, 'Egyptian cat'), done(2, 281, 'tabby'), entry(3, { status: 'running' })];
    expect([...agreement(es).agree].sort()).toEqual([0, 2]);
    expect(agreement(es).label).toBe('tabby');
  });
  it('has no majority when every top-1 differs', () => {
    const es = [done(0, 1, 'a'), done(1, 2, 'b'), done(2, 3, 'c')];
    expect(agreement(es)).toEqual({ agree: new Set(), label: null });
  });
  it('needs at least two finished entries to agree', () => {
    expect(agreement([done(0, 1, 'a'), entry(1)]).agree.size).toBe(0);
  });
});

describe('compareCsv (store/compare)', () => {
  it('writes a header and one row per entry, quoting labels with commas', () => {
    const es = [
      entry(0, {
        status: 'done',
        top5: [pred(281, 'tabby, tabby cat', 0.8123456789)],
        firstMs: 1234.56,
        steadyMs: 45.04,
        p25Ms: 44.01,
        p75Ms: 47.5,
        minMs: 43.96,
        runsMs: [45.04, 43.96, 47.5, 44.01],
      }),
      entry(1, { status: 'error', error: 'boom' }),
    ];
    expect(compareCsv(es)).toBe(
      'variant,resolution,flops,params,paper_top1,first_ms,steady_ms,steady_p25_ms,steady_p75_ms,steady_min_ms,runs_ms,top1_label,top1_prob\n' +
        'B0,224,100000000,5000000,77,1234.6,45.0,44.0,47.5,44.0,45.0;44.0;47.5;44.0,"tabby, tabby cat",0.812346\n' +
        'B1,225,200000000,6000000,78,,,,,,,,\n',
    );
  });
  it('doubles quotes inside a label', () => {
    const csv = compareCsv([done(0, 1, 'say "hi"')]);
    expect(csv.trim().split('\n')[1]).toBe('B0,224,100000000,5000000,77,500.0,10.0,,,,,"say ""hi""",0.500000');
  });
});

describe('compareJson', () => {
  it('round-trips the entries with unformatted numbers', () => {
    const es = [done(0, 281, 'tabby', 12.345)];
    const back = JSON.parse(compareJson(es)) as CompareEntry[];
    expect(back).toEqual(es);
    expect(back[0].steadyMs).toBe(12.345);
  });
});

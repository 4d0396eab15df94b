/** Compare: the image through several official variants; their agreement, measured latency, paper accuracy. */
import { useMemo } from 'react';
import { useApp } from '../use-app';
import { useEngine } from '../engine-context';
import { CompareCard } from './CompareCard';
import { AccuracyChart, LatencyChart } from './CompareCharts';
import { agreement } from './compare-model';
import { CompareTable } from './CompareTable';
import { MethodRace } from '../paper/MethodRace';
import { VariantPicker } from './VariantPicker';
import './compare.css';

export function CompareView() {
  const engine = useEngine();
  const { entries, running } = useApp((s) => s.comparison);
  const again = running ? null : () => void engine.compare(entries.map((e) => e.variant));
  const { agree, label: major } = useMemo(() => agreement(entries), [entries]);
  const finished = entries.filter((e) => e.top5[0]).length;

  return (
    <section data-testid="compare" className="compare">
      <h2 className="compare-title">Compare variants</h2>
      <VariantPicker />
      <details className="card compare-preset" data-testid="preset-methods">
        <summary>Preset: the scaling-methods race (the paper's Table 7, timed here)</summary>
        <MethodRace />
      </details>
      {entries.length > 0 && (
        <p className="compare-agreement" data-testid="compare-agreement">
          {major ? (
            <>
              Majority top-1: <strong>{major}</strong> ({agree.size} of {finished} finished variants agree)
            </>
          ) : finished > 1 ? (
            'No majority: the finished variants disagree on top-1.'
          ) : (
            'Agreement shows once two variants have finished.'
          )}
        </p>
      )}
      <div className="compare-cards">
        {entries.map((e) => (
          <CompareCard key={e.variant} entry={e} agrees={agree.has(e.variant)} onMeasureAgain={again} />
        ))}
        {entries.length === 0 && <p className="muted">Choose variants and press “Run comparison” — one card per variant appears here.</p>}
      </div>
      <div className="compare-charts">
        <LatencyChart entries={entries} />
        <AccuracyChart />
      </div>
      <CompareTable entries={entries} agree={agree} />
    </section>
  );
}

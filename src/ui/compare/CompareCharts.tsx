/** Compare's charts: measured latency and paper top-1 vs FLOPs, φ marked; log x axes (B7 ≈ 100× B0's FLOPs). */
import type { ReactNode } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  LabelList,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CompareEntry } from '../../store/compare';
import { useApp } from '../use-app';
import { fmtAcc, fmtFlops, fmtMs } from '../format';
import { ACCURACY_SERIES, fmtFlopsTick, fmtTick, latencyPoints, logDomain, logTicks, phiMarker } from './compare-model';

const CHART_HEIGHT = 280;
const MARGIN = { top: 24, right: 28, bottom: 24, left: 8 };
export const ACCENT = '#1d4ed8';
const MARK = '#f43f5e';

type ChartFrameProps = { testId: string; title: string; note?: ReactNode; composed?: boolean; children: ReactNode };

/** A gridded ScatterChart (with `composed`, a ComposedChart for lines and points) of fixed height; initialDimension/minWidth
 *  give recharts a size on the first render, so a container that measures 0 wide (headless browsers, hidden tabs) still draws a chart. */
export function ChartFrame({ testId, title, note, composed, children }: ChartFrameProps) {
  const Chart = composed ? ComposedChart : ScatterChart;
  return (
    <figure className="card compare-chart" data-testid={testId}>
      <figcaption className="compare-chart-title">{title}</figcaption>
      <div className="compare-chart-body" style={{ height: CHART_HEIGHT }}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT} minWidth={260} initialDimension={{ width: 560, height: CHART_HEIGHT }}>
          <Chart margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            {children}
          </Chart>
        </ResponsiveContainer>
      </div>
      {note != null && <p className="muted small compare-chart-note">{note}</p>}
    </figure>
  );
}

const flopsLabel = { value: 'FLOPs (multiply-adds, log)', position: 'insideBottom', offset: -14 } as const;
/** A numeric log axis over `domain`, ticked at powers of ten (and their halves). */
export const logAxis = (domain: [number, number]) => ({
  type: 'number' as const,
  scale: 'log' as const,
  domain,
  ticks: logTicks(...domain),
  allowDataOverflow: true,
});
/** The FLOPs axis every chart shares. */
export const flopsAxis = (domain: [number, number]) => ({ ...logAxis(domain), dataKey: 'flops', tickFormatter: fmtFlopsTick, label: flopsLabel });

export function LatencyChart({ entries }: { entries: readonly CompareEntry[] }) {
  const points = latencyPoints(entries);
  // Before any run, the official FLOPs range and 1–1000 ms.
  const officialFlops = ACCURACY_SERIES.map((p) => p.flops);
  const xDomain = points.length ? logDomain(points.map((p) => p.flops)) : logDomain(officialFlops, 1.3);
  const yDomain: [number, number] = points.length ? logDomain(points.flatMap((p) => [p.steadyMs - p.range[0], p.steadyMs + p.range[1]])) : [1, 1000];
  const note = points.length
    ? `${points.length} finished variant${points.length > 1 ? 's' : ''}; dot = median of the timed runs (interleaved, after the first and a warm-up), bar = p25–p75.`
    : 'No finished runs yet — run a comparison to plot measured latency.';
  return (
    <ChartFrame testId="chart-latency" title="Measured steady latency vs FLOPs" note={note}>
      <XAxis {...flopsAxis(xDomain)} name="FLOPs" />
      <YAxis
        {...logAxis(yDomain)}
        dataKey="steadyMs"
        name="Steady latency"
        tickFormatter={fmtTick}
        width={64}
        label={{ value: 'ms (log)', angle: -90, position: 'insideLeft', offset: 12 }}
      />
      <Tooltip cursor={{ strokeDasharray: '3 3' }} formatter={(value, name) => (name === 'FLOPs' ? fmtFlops(Number(value)) : `${fmtMs(Number(value))} ms`)} />
      <Scatter name="Steady latency" data={points} fill={ACCENT} isAnimationActive={false}>
        <ErrorBar dataKey="range" direction="y" width={6} stroke={ACCENT} />
        <LabelList dataKey="name" position="top" />
      </Scatter>
    </ChartFrame>
  );
}

export function AccuracyChart() {
  const phi = useApp((s) => s.phi);
  const marker = phiMarker(phi);
  const xDomain = logDomain([...ACCURACY_SERIES.map((p) => p.flops), marker.flops], 1.3);
  const tops = ACCURACY_SERIES.map((p) => p.top1);
  // Even whole percents around the data, so the 2% ticks land on round numbers.
  const yDomain: [number, number] = [2 * Math.floor((Math.min(...tops) - 0.5) / 2), 2 * Math.ceil((Math.max(...tops) + 0.5) / 2)];
  return (
    <ChartFrame
      composed
      testId="chart-accuracy"
      title="Paper ImageNet top-1 vs FLOPs"
      note={
        <>
          Red line: the formula network at {marker.label} ({fmtFlops(marker.flops)}); ringed point: the nearest official variant, {marker.nearest.name} (
          {fmtAcc(marker.nearest.top1)}). Accuracy exists only for B0–B7.
        </>
      }
    >
      <XAxis {...flopsAxis(xDomain)} />
      <YAxis
        type="number"
        domain={yDomain}
        ticks={Array.from({ length: (yDomain[1] - yDomain[0]) / 2 + 1 }, (_, i) => yDomain[0] + 2 * i)}
        tickFormatter={(v: number) => `${v}%`}
        width={64}
        label={{ value: 'top-1 (paper)', angle: -90, position: 'insideLeft', offset: 0 }}
      />
      <Tooltip formatter={(value) => fmtAcc(Number(value))} labelFormatter={(v) => fmtFlops(Number(v))} />
      <ReferenceLine x={marker.flops} stroke={MARK} strokeDasharray="4 3" label={{ value: marker.label, position: 'top', fill: MARK }} />
      <Line data={ACCURACY_SERIES} dataKey="top1" name="Paper top-1" stroke={ACCENT} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false}>
        <LabelList dataKey="name" position="bottom" offset={11} />
      </Line>
      <Scatter
        data={[marker.nearest]}
        dataKey="top1"
        name={`Nearest official (${marker.nearest.name})`}
        fill="none"
        stroke={MARK}
        strokeWidth={2.5}
        shape={(p: { cx?: number; cy?: number }) => <circle cx={p.cx} cy={p.cy} r={8} fill="none" stroke={MARK} strokeWidth={2.5} />}
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}

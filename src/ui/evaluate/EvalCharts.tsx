/** Measured top-1 against FLOPs (with the paper's B0–B7 curve) and against ms per image. */
import { LabelList, Line, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { NetworkSummary } from '../../store/eval-results';
import { ACCENT as MEASURED, ChartFrame, flopsAxis, logAxis } from '../compare/CompareCharts';
import { ACCURACY_SERIES, logDomain } from '../compare/compare-model';
import { measuredPoints } from './eval-view-model';
import { fmtAcc } from '../format';

const PAPER = '#64748b';
const pctTick = (v: number) => `${Math.round(v)}%`;

export function EvalCharts({ summaries }: { summaries: readonly NetworkSummary[] }) {
  const points = measuredPoints(summaries);
  const flopsDomain = logDomain([...ACCURACY_SERIES.map((p) => p.flops), ...points.map((p) => p.flops)], 1.3);
  const timed = points.filter((p) => p.msPerImage !== null);
  const msDomain = logDomain(timed.map((p) => p.msPerImage!));
  const note = points.length
    ? `${points.length} network${points.length > 1 ? 's' : ''} measured on the labelled images; the paper's points are ImageNet validation (Table 2).`
    : 'No labelled images classified yet.';
  return (
    <div className="compare-charts" data-testid="eval-charts">
      <ChartFrame composed testId="eval-chart-flops" title="Top-1: measured here and in the paper, against FLOPs" note={note}>
        <XAxis {...flopsAxis(flopsDomain)} />
        <YAxis type="number" domain={[0, 100]} tickFormatter={pctTick} width={56} label={{ value: 'top-1', angle: -90, position: 'insideLeft', offset: 4 }} />
        <Tooltip formatter={(v) => fmtAcc(Number(v))} />
        <Line data={ACCURACY_SERIES} dataKey="top1" name="Paper top-1" stroke={PAPER} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        <Scatter data={points} dataKey="top1" name="Measured top-1" fill={MEASURED} isAnimationActive={false}>
          <LabelList dataKey="network" position="top" />
        </Scatter>
      </ChartFrame>
      <ChartFrame
        testId="eval-chart-ms"
        title="Measured top-1 against ms per image"
        note="Worker time of the batched forward pass and readback per image (decoding not included)."
      >
        <XAxis {...logAxis(msDomain)} dataKey="msPerImage" name="ms per image" label={{ value: 'ms per image (log)', position: 'insideBottom', offset: -14 }} />
        <YAxis type="number" dataKey="top1" name="top-1" domain={[0, 100]} tickFormatter={pctTick} width={56} />
        <Tooltip />
        <Scatter data={timed} name="Measured" fill={MEASURED} isAnimationActive={false}>
          <LabelList dataKey="network" position="top" />
        </Scatter>
      </ChartFrame>
    </div>
  );
}

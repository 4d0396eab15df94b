/** Prediction and latency from the worker, plus the current phase (loading / compiling / running). */
import type { ReactNode } from 'react';
import type { Prediction } from '../worker/protocol';
import { useApp, useAppPick } from './use-app';
import { fmtBytes, fmtPct } from './format';
import { answeredBy, resultSummary } from './readouts';
import { LatencyReadout } from './LatencyReadout';
import { LoadProgress } from './LoadProgress';

export const STATUS_TEXT = {
  starting: 'Starting…',
  idle: 'Ready',
  loading: 'Loading weights…',
  compiling: 'Compiling shaders (first run)…',
  running: 'Running…',
  error: 'Error',
} as const;

/** A top-5 list with a bar per class; the Lab's readout and each compare card show one. */
export function Top5({ preds, testId, children }: { preds: readonly Prediction[]; testId: string; children?: ReactNode }) {
  return (
    <ol data-testid={testId} className="top5">
      {preds.map((p) => (
        <li key={p.index} data-index={p.index} data-prob={p.prob}>
          <span className="bar" style={{ width: `${Math.max(1, p.prob * 100)}%` }} />
          <span className="label">{p.label}</span> <span className="prob">{fmtPct(p.prob)}</span>
        </li>
      ))}
      {children}
    </ol>
  );
}

export function InferenceReadout() {
  const { result, status } = useAppPick('result', 'status');
  const standInLoad = useApp((s) => (s.result?.standInFor ? s.loads[s.result.standInFor]?.phase : undefined));
  return (
    <section className="inference" aria-label="Inference">
      {/* Only this one-line summary is announced; the byte counters and timings are not. */}
      <p className="visually-hidden" aria-live="polite" data-testid="result-summary">
        {resultSummary(result, standInLoad === 'cache')}
      </p>
      <p className="status" data-testid="status" data-status={status}>
        {STATUS_TEXT[status]}
      </p>
      <LoadProgress />
      <LatencyReadout />
      {result && (
        <p className="muted small">
          Memory: <span data-testid="tensors">{result.memory.numTensors}</span> tensors
          {result.memory.gpuBytes != null && <> · {fmtBytes(result.memory.gpuBytes)} on the GPU</>}
        </p>
      )}
      {result?.latencyOnly ? (
        <p className="muted" data-testid="formula-note">
          Formula network {result.name} ({result.resolution} px) has random weights: latency only, no prediction.
        </p>
      ) : (
        <div className="prediction" data-for={result?.name ?? ''} data-image={result?.imageName ?? ''} data-testid="prediction">
          <p className="top1">
            <span data-testid="top1-label">{result?.top5[0]?.label ?? '—'}</span>{' '}
            <span data-testid="top1-prob">{result ? fmtPct(result.top5[0].prob) : ''}</span>
          </p>
          {result?.standInFor && (
            <p className="stand-in" data-testid="answered-by" data-variant={result.name} data-for={result.standInFor}>
              {answeredBy(result, standInLoad === 'cache')}
            </p>
          )}
          <p className="muted small">
            {result ? `${result.name} at ${result.resolution} px on ${result.imageName ? `“${result.imageName}”` : 'a test pattern (drop an image)'}` : ''}
          </p>
          <Top5 preds={result?.top5 ?? []} testId="top5" />
        </div>
      )}
    </section>
  );
}

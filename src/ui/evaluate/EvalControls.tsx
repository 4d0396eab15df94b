/** Evaluate's inputs (pickers, a drop, the ImageNet sample), networks (?eval=), batch, run / cancel, progress. */
import { useState } from 'react';
import { pickedFiles, type DroppedFile } from '../../image/dropped-entries';
import { MAX_EVAL_FILES, inputFromFiles, inputFromSample, type EvalInput } from '../../store/eval-inputs';
import { SAMPLE_SIZES } from '../../model/imagenet-sample-sizes';
import { cancelEvaluation, startEvaluation } from '../../store/evaluate';
import { sliceStore } from '../../store/slice-store';
import { useAppPick } from '../use-app';
import { MAX_EVAL_NETWORKS } from '../../store/url-props';
import { useEngine } from '../engine-context';
import { FileButton } from '../FileButton';
import { useFileDrop } from '../use-file-drop';
import { progressLine } from './eval-view-model';
import { OptionSelect, PhotoCountSelect, VariantPicks } from '../pickers';
import { toggled } from '../../store/lab-store';
import { fmtPhi } from '../format';

const BATCH_CHOICES = ['auto', 1, 2, 4, 8, 16, 32] as const;

export function EvalControls() {
  const engine = useEngine();
  const { evaluate: picks, setEvaluate: setPicks, evaluation: run } = useAppPick('evaluate', 'setEvaluate', 'evaluation');
  const { source, custom, phi } = useAppPick('source', 'custom', 'phi');
  const [withCustom, setWithCustom] = useState(false);
  const [withFormula, setWithFormula] = useState(false);
  const [input, setInput] = useState<EvalInput | null>(null);
  const [sampleSize, setSampleSize] = useState<number>(SAMPLE_SIZES[0]);
  const [batch, setBatch] = useState<(typeof BATCH_CHOICES)[number]>('auto');

  const start = (next: EvalInput | null) => {
    if (!next) return;
    setInput(next);
    void startEvaluation(engine, next, { batch: batch === 'auto' ? null : batch, withCustom, withFormula });
  };
  const fromFiles = async (files: DroppedFile[]) => start(await inputFromFiles(files));
  const { over: dragging, handlers } = useFileDrop(fromFiles, (error) => sliceStore(engine.store, 'evaluation').setState({ error }), MAX_EVAL_FILES);
  const toggle = (k: number) => {
    const next = toggled(picks, k);
    if (next.length >= 1 && next.length <= MAX_EVAL_NETWORKS) setPicks(next);
  };
  const busy = run.running || source == null;
  const pickFiles = { disabled: busy, multiple: true, onFiles: (files: File[]) => void fromFiles(pickedFiles(files)) };

  return (
    <div className={`card eval-controls${dragging ? ' dragging' : ''}`} {...handlers} data-testid="eval-drop">
      <VariantPicks
        legend={<>Networks (1–{MAX_EVAL_NETWORKS})</>}
        groupLabel="Networks to evaluate"
        testIdPrefix="eval-pick-"
        picks={picks}
        onPick={toggle}
        disabled={() => run.running}
      >
        <button
          type="button"
          data-testid="eval-pick-formula"
          aria-pressed={withFormula}
          disabled={run.running}
          onClick={() => setWithFormula(!withFormula)}
          title="The formula network at the lab's φ, with seeded random weights: chance-level accuracy, real cost"
        >
          Formula φ {fmtPhi(phi)}
        </button>
        {custom && (
          <button type="button" data-testid="eval-pick-custom" aria-pressed={withCustom} disabled={run.running} onClick={() => setWithCustom(!withCustom)}>
            Your model “{custom.name}”
          </button>
        )}
      </VariantPicks>
      <div className="eval-inputs">
        <FileButton label="Choose a folder…" data-testid="eval-folder-input" folder {...pickFiles} />
        <FileButton label="Choose images…" data-testid="eval-files-input" accept="image/*,.csv,.json" {...pickFiles} />
        <span className="muted small">
          or drop images and folders here (up to {MAX_EVAL_FILES.toLocaleString('en-US')}; labels from wnid / class-index / class-name folders,
          n01440764_tench.JPEG names, or labels.csv / labels.json)
        </span>
      </div>
      <div className="eval-inputs">
        <label>
          ImageNet sample: <PhotoCountSelect data-testid="eval-sample-size" value={sampleSize} disabled={run.running} onChange={setSampleSize} />
        </label>
        <button type="button" data-testid="eval-sample" disabled={busy} onClick={() => start(inputFromSample(sampleSize))}>
          Evaluate the sample
        </button>
        <span className="muted small" data-testid="eval-sample-note">
          One photo per class from EliSchwartz/imagenet-sample-images (pinned, each checked by its git blob id). The source does not say which split the photos
          come from, so this is a demonstration, not a benchmark.
        </span>
      </div>
      <div className="compare-run-row">
        <label>
          Batch: <OptionSelect data-testid="eval-batch-choice" options={BATCH_CHOICES} value={batch} disabled={run.running} onChange={setBatch} />
        </label>
        {run.plan && (
          <span className="small" data-testid="eval-batch" data-batch={run.plan.batch}>
            batch {run.plan.batch} ({run.plan.reason})
          </span>
        )}
        <button type="button" className="compare-run" data-testid="eval-run" disabled={busy || !input} onClick={() => start(input)}>
          {run.running ? 'Running…' : 'Run again'}
        </button>
        <button
          type="button"
          data-testid="eval-cancel"
          disabled={!run.running || run.cancelled}
          onClick={() => cancelEvaluation(sliceStore(engine.store, 'evaluation'))}
        >
          Cancel
        </button>
        {run.rows.length > 0 && (
          <span
            className="compare-progress"
            data-testid="eval-progress"
            data-run={run.runId}
            data-done={run.done}
            data-total={run.rows.length}
            data-running={run.running}
            aria-live="polite"
          >
            {progressLine(run)}
          </span>
        )}
      </div>
    </div>
  );
}

/** Compare's picks (in the URL), the run button, progress, and which image the run uses. */
import { useAppPick } from '../use-app';
import { useEngine } from '../engine-context';
import { MIN_PICKS, progressText, togglePick } from './compare-model';
import { VariantPicks } from '../pickers';

export function VariantPicker() {
  const engine = useEngine();
  const { compare: picks, setCompare, image: labImage, source, comparison } = useAppPick('compare', 'setCompare', 'image', 'source', 'comparison');
  const { running, entries, imageName: runImage } = comparison;
  const ready = source != null;
  const atMinimum = picks.length <= MIN_PICKS;
  // After a run, name the image that run used; before one, the image the next run will use.
  const imageName = entries.length > 0 ? runImage : (labImage?.name ?? null);
  const progress = progressText(entries, running);

  return (
    <div className="compare-controls">
      <VariantPicks
        legend="Variants to compare"
        groupLabel="Official variants"
        testIdPrefix="compare-pick-"
        picks={picks}
        onPick={(k) => {
          const next = togglePick(picks, k);
          if (next) setCompare(next);
        }}
        disabled={(picked) => running || (picked && atMinimum)}
        title={(picked) => (picked && atMinimum ? `Keep at least ${MIN_PICKS} variants` : undefined)}
        after={
          <p className="muted small" data-testid="compare-pick-hint">
            {picks.length} chosen{atMinimum ? ` — at least ${MIN_PICKS} are needed, so the chosen ones stay on` : ''}.
          </p>
        }
      />
      <div className="compare-run-row">
        <button type="button" className="compare-run" data-testid="compare-run" disabled={running || !ready} onClick={() => void engine.compare()}>
          {running ? 'Running…' : 'Run comparison'}
        </button>
        {!ready && <span className="muted small">Waiting for the engine…</span>}
        {progress && (
          <span className="compare-progress" data-testid="compare-progress" aria-live="polite">
            {progress}
          </span>
        )}
      </div>
      <p className="muted small" data-testid="compare-image">
        Image: {imageName ? `“${imageName}”` : 'test pattern — drop an image in the Lab view'}
      </p>
    </div>
  );
}

/** Under a weights error: the one-click random-weights mode and the other ways out. */
import { useEngine } from './engine-context';

export function WeightsHelp() {
  const { switchToRandomWeights } = useEngine();
  return (
    <div className="weights-help" data-testid="weights-help">
      <p>
        The weights could not be downloaded. You can still use every view with the official B0–B7 built here with seeded random weights: no download,
        predictions meaningless, latency real.{' '}
        <button type="button" data-testid="use-random-weights" onClick={switchToRandomWeights}>
          Use random weights
        </button>
      </p>
      <p className="muted">Or get real weights:</p>
      <ul className="muted">
        <li>self-host the weights: npm run models:fetch, then serve public/models/</li>
        <li>point ?models= at a folder holding B0/model.json … B7/model.json</li>
        <li>drop a converted model folder (model.json + shards) on the page</li>
      </ul>
    </div>
  );
}

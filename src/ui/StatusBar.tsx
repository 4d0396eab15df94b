/** Backend, weights source, the loud synthetic-weights banner, notices and errors. */
import { useAppPick } from './use-app';
import { WEIGHT_FETCH_FAILURE } from '../model/artifacts';
import { SOURCE_LABEL, isVerifiedSource } from '../store/source';
import { useEngine } from './engine-context';

export function StatusBar() {
  const { retry, setCustomModel, switchToRandomWeights } = useEngine();
  const app = useAppPick('backendInfo', 'source', 'synthetic', 'precision', 'notices', 'error', 'dismissNotice', 'custom');
  const { backendInfo: info, source, error, custom } = app;
  return (
    <div className="status-bar">
      <p className="backend-line">
        Backend <strong data-testid="backend">{info?.name ?? '…'}</strong>{' '}
        <span className="muted" data-testid="backend-reason">
          {info?.reason ?? 'selecting…'}
        </span>
        {info?.threads !== undefined && (
          <span className="muted" data-testid="backend-threads" data-threads={info.threads}>
            {' '}
            · {info.threads} {info.threads === 1 ? 'thread' : 'threads'}
            {info.threadsNote ? ` (${info.threadsNote})` : ''}
          </span>
        )}
        {source && (
          <span className="muted" data-testid="weights-source" data-verified={isVerifiedSource(source.baseUrl)}>
            {' '}
            · weights: {SOURCE_LABEL[source.kind]}
            {!isVerifiedSource(source.baseUrl) && source.kind !== 'random' && <strong data-testid="unverified-source"> · unverified source</strong>}
          </span>
        )}
        {app.precision && (
          <span className="muted" data-testid="weights-precision" data-precision={app.precision}>
            {' '}
            · {app.precision === 'float16' ? 'float16 weights (half size, dequantized on load)' : 'float32 weights'}
          </span>
        )}
      </p>
      {custom && (
        <p className="notice" data-testid="custom-model">
          Your converted model “{custom.name}” answers instead of the built-in weights (the slider's readouts still describe φ).{' '}
          <button type="button" onClick={() => setCustomModel(null)}>
            Use the built-in weights
          </button>
        </p>
      )}
      {app.synthetic && (
        <p className="synthetic-banner" data-testid="synthetic-banner" role="alert">
          Synthetic weights: these networks hold seeded random values, so predictions are meaningless — latency is real.
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          <span data-testid="error">{error}</span>{' '}
          <button type="button" className="retry" data-testid="retry" onClick={retry}>
            Retry
          </button>
        </p>
      )}
      {error && source?.kind !== 'random' && WEIGHT_FETCH_FAILURE.test(error) && (
        // Under a weights error: the one-click random-weights mode and the other ways out.
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
      )}
      {app.notices.map((n, i) => (
        <p key={i} className="notice" data-testid="notice">
          {n}{' '}
          <button type="button" aria-label="Dismiss notice" onClick={() => app.dismissNotice(i)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

/** Backend, weights source, the loud synthetic-weights banner, notices and errors. */
import { useAppPick } from './use-app';
import { WEIGHT_FETCH_FAILURE } from '../model/artifacts';
import { SOURCE_LABEL, isVerifiedSource } from '../store/source';
import { useEngine } from './engine-context';
import { WeightsHelp } from './WeightsHelp';

export function StatusBar() {
  const { retry, setCustomModel } = useEngine();
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
      {error && source?.kind !== 'random' && WEIGHT_FETCH_FAILURE.test(error) && <WeightsHelp />}
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

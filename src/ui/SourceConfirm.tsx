/** Asks before the first request to a foreign ?models= source, or says why it is refused (store/source.ts, gateSource). */
import { useApp } from './use-app';
import { useEngine } from './engine-context';

const DeclineButton = ({ answer }: { answer: (use: boolean) => void }) => (
  <button type="button" data-testid="decline-source" onClick={() => answer(false)}>
    Use the lab's own weights
  </button>
);

export function SourceConfirm() {
  const { answerSource } = useEngine();
  const pending = useApp((s) => s.pendingSource);
  if (!pending) return null;
  if (pending.refused) {
    return (
      <section className="source-confirm" data-testid="source-refused" role="alert">
        <p data-testid="error">{pending.refused}</p>
        <p className="source-confirm-actions">
          <DeclineButton answer={answerSource} />
        </p>
      </section>
    );
  }
  return (
    <section className="source-confirm" data-testid="source-question" aria-labelledby="source-confirm-title">
      <h2 id="source-confirm-title">Load weights from {pending.host}?</h2>
      <p>
        This link asks the lab to download its network weights from <strong data-testid="source-host">{pending.host}</strong> (
        <code className="source-url">{pending.baseUrl}</code>). Weights from a site you do not know can make the lab show any prediction. Nothing has been
        requested from it yet, and your answer is not remembered.
      </p>
      <p className="source-confirm-actions">
        <button type="button" className="primary" data-testid="confirm-source" onClick={() => answerSource(true)}>
          Load from {pending.host}
        </button>{' '}
        <DeclineButton answer={answerSource} />
      </p>
    </section>
  );
}

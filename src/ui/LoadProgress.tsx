/** Per-variant download bars: bytes, and while downloading the rate and time left. */
import { useApp } from './use-app';
import { fmtBytes, fmtLeft, fmtRate } from './format';

export function LoadProgress() {
  const loads = useApp((s) => s.loads);
  const entries = Object.entries(loads);
  return (
    <div className="loads">
      {entries.map(([key, l]) => {
        const done = l.phase === 'ready' || l.phase === 'cached';
        return (
          <div key={key} className="load" data-testid="load-progress" data-variant={key} data-phase={l.phase}>
            <span className="name">{key}</span>
            <progress aria-label={`${key} download`} max={l.total || 1} value={done ? l.total || 1 : l.loaded} />
            <span className="bytes">
              {done
                ? `${fmtBytes(l.total)} ${l.phase === 'cached' ? 'prefetched' : l.fromCache ? 'from cache' : 'loaded'}`
                : `${fmtBytes(l.loaded)} / ${fmtBytes(l.total)}`}
            </span>
            {l.phase === 'download' && l.rate && l.etaS != null && (
              <span className="eta muted" data-testid="load-eta" data-variant={key}>
                {`${fmtRate(l.rate)}, ${fmtLeft(l.etaS)}`}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

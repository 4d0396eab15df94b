import { lazy, Suspense, useCallback, useState, type ComponentType } from 'react';
import { useApp, useAppPick } from './use-app';
import { useEngine } from './engine-context';
import type { View } from '../store/url-props';
import { APP_TITLE, TAGLINE } from './app-text';
import { DropZone } from './DropZone';
import { PrepareOffline } from './PrepareOffline';
import { SidePanel } from './SidePanel';
import { StatusBar } from './StatusBar';
import { usePresentationKeys } from './usePresentationKeys';

// Compare (recharts), Teach, Bench and Evaluate load on first visit, so the first chunk holds only the lab.
const CompareView = lazy(() => import('./compare/CompareView').then((m) => ({ default: m.CompareView })));
const TeachView = lazy(() => import('./teach/TeachView').then((m) => ({ default: m.TeachView })));
const Deck = lazy(() => import('./deck/Deck').then((m) => ({ default: m.Deck })));
const BenchView = lazy(() => import('./bench/BenchView').then((m) => ({ default: m.BenchView })));
const EvaluateView = lazy(() => import('./evaluate/EvaluateView').then((m) => ({ default: m.EvaluateView })));

const LOADING = (
  <p className="muted" data-testid="view-loading">
    Loading…
  </p>
);

const TABS: { view: View; label: string; Main: ComponentType }[] = [
  { view: 'lab', label: 'Lab', Main: DropZone },
  { view: 'compare', label: 'Compare', Main: CompareView },
  { view: 'teach', label: 'Teach', Main: TeachView },
  { view: 'bench', label: 'Bench', Main: BenchView },
  { view: 'evaluate', label: 'Evaluate', Main: EvaluateView },
];

export function App() {
  const { view, setView, present, setPresent } = useAppPick('view', 'setView', 'present', 'setPresent');
  const [controlsHidden, setControlsHidden] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const toggleControls = useCallback(() => setControlsHidden((h) => !h), []);
  usePresentationKeys(present, toggleControls);
  const Main = TABS.find((t) => t.view === view)?.Main ?? DropZone;
  if (present) {
    return (
      <div className={`app present${controlsHidden ? ' controls-hidden' : ''}`} data-testid="app">
        <SourceConfirm />
        <Suspense fallback={LOADING}>
          <Deck controlsHidden={controlsHidden} onToggleControls={toggleControls} />
        </Suspense>
      </div>
    );
  }
  return (
    <div className="app" data-testid="app">
      <header className="app-header">
        <h1>{APP_TITLE}</h1>
        <p className="tagline">{TAGLINE}</p>
        <nav className="nav" aria-label="Views">
          {TABS.map((t) => (
            <button
              key={t.view}
              type="button"
              data-testid={`tab-${t.view}`}
              aria-current={view === t.view ? 'page' : undefined}
              onClick={() => setView(t.view)}
            >
              {t.label}
            </button>
          ))}
          <button
            type="button"
            data-testid="prepare-offline"
            aria-expanded={preparing}
            onClick={() => setPreparing(!preparing)}
            title="Download and verify variants before a lesson, for use with no network"
          >
            Prepare for class
          </button>
          <button
            type="button"
            data-testid="present-toggle"
            aria-pressed={false}
            onClick={() => setPresent(true)}
            title="Presentation mode: a slide deck. Space/PgDn next slide, ←/→ step φ, 0–7 jump, h hides controls, Esc leaves"
          >
            Present
          </button>
        </nav>
      </header>
      <StatusBar />
      <SourceConfirm />
      {preparing && <PrepareOffline onClose={() => setPreparing(false)} />}
      <div className="layout">
        <SidePanel />
        <main className="main">
          <Suspense fallback={LOADING}>
            <Main />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

const DeclineButton = ({ answer }: { answer: (use: boolean) => void }) => (
  <button type="button" data-testid="decline-source" onClick={() => answer(false)}>
    Use the lab's own weights
  </button>
);

/** Asks before the first request to a foreign ?models= source, or says why it is refused (store/source.ts, gateSource). */
function SourceConfirm() {
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

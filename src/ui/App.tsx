import { lazy, Suspense, useCallback, useState } from 'react';
import { ALPHA, BETA, GAMMA } from '../scaling';
import { useLab } from '../store/lab-store';
import type { View } from '../store/url-state';
import { DropZone } from './DropZone';
import { SidePanel } from './SidePanel';
import { SourceConfirm } from './SourceConfirm';
import { StatusBar } from './StatusBar';
import { usePresentationKeys } from './usePresentationKeys';

// Compare (recharts), Teach, Bench and Evaluate load on first visit, so the first chunk holds only the lab.
const CompareView = lazy(() => import('./compare/CompareView').then((m) => ({ default: m.CompareView })));
const TeachView = lazy(() => import('./teach/TeachView').then((m) => ({ default: m.TeachView })));
const BenchView = lazy(() => import('./bench/BenchView').then((m) => ({ default: m.BenchView })));
const EvaluateView = lazy(() => import('./evaluate/EvaluateView').then((m) => ({ default: m.EvaluateView })));

const TAGLINE = `Compound scaling, live: depth ${ALPHA}^φ · width ${BETA}^φ · resolution ${GAMMA}^φ`;

const TABS: { view: View; label: string }[] = [
  { view: 'lab', label: 'Lab' },
  { view: 'compare', label: 'Compare' },
  { view: 'teach', label: 'Teach' },
  { view: 'bench', label: 'Bench' },
  { view: 'evaluate', label: 'Evaluate' },
];

export function App() {
  const view = useLab((s) => s.view);
  const setView = useLab((s) => s.setView);
  const present = useLab((s) => s.present);
  const setPresent = useLab((s) => s.setPresent);
  const [controlsHidden, setControlsHidden] = useState(false);
  const toggleControls = useCallback(() => setControlsHidden((h) => !h), []);
  usePresentationKeys(toggleControls);
  const hide = present && controlsHidden;
  return (
    <div className={`app${present ? ' present' : ''}${hide ? ' controls-hidden' : ''}`} data-testid="app">
      <header className="app-header">
        <h1>EfficientNet φ lab</h1>
        <p className="tagline">{TAGLINE}</p>
        <nav className="nav" aria-label="Views">
          {TABS.map((t) => (
            <button key={t.view} type="button" data-testid={`tab-${t.view}`} aria-current={view === t.view ? 'page' : undefined} onClick={() => setView(t.view)}>
              {t.label}
            </button>
          ))}
          <button type="button" data-testid="present-toggle" aria-pressed={present} onClick={() => setPresent(!present)} title="Presentation mode: large type, ←/→ step φ, PgUp/PgDn by one variant, 0–7 jump, h hides controls, Esc leaves">
            {present ? 'Leave presentation' : 'Present'}
          </button>
          {present && (
            <button type="button" data-testid="controls-toggle" onClick={toggleControls}>
              {controlsHidden ? 'Show controls' : 'Hide controls'}
            </button>
          )}
        </nav>
      </header>
      {!hide && <StatusBar />}
      <SourceConfirm />
      <div className="layout">
        <SidePanel />
        <main className="main">
          <Suspense fallback={<p className="muted" data-testid="view-loading">Loading…</p>}>
            {view === 'compare' ? <CompareView /> : view === 'teach' ? <TeachView /> : view === 'bench' ? <BenchView /> : view === 'evaluate' ? <EvaluateView /> : <DropZone />}
          </Suspense>
        </main>
      </div>
    </div>
  );
}

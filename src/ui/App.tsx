import { useLab } from '../store/lab-store';
import type { View } from '../store/url-state';
import { CompareView } from './compare/CompareView';
import { DropZone } from './DropZone';
import { SidePanel } from './SidePanel';
import { StatusBar } from './StatusBar';
import { TeachView } from './teach/TeachView';

const TABS: { view: View; label: string }[] = [
  { view: 'lab', label: 'Lab' },
  { view: 'compare', label: 'Compare' },
  { view: 'teach', label: 'Teach' },
];

export function App() {
  const view = useLab((s) => s.view);
  const setView = useLab((s) => s.setView);
  return (
    <div className="app">
      <header className="app-header">
        <h1>EfficientNet φ lab</h1>
        <p className="tagline">Compound scaling, live: depth 1.2^φ · width 1.1^φ · resolution 1.15^φ</p>
        <nav className="nav" aria-label="Views">
          {TABS.map((t) => (
            <button key={t.view} type="button" data-testid={`tab-${t.view}`} aria-current={view === t.view ? 'page' : undefined} onClick={() => setView(t.view)}>
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <StatusBar />
      <div className="layout">
        <SidePanel />
        <main className="main">
          {view === 'compare' ? <CompareView /> : view === 'teach' ? <TeachView /> : <DropZone />}
        </main>
      </div>
    </div>
  );
}

import { DropZone } from './DropZone';
import { SidePanel } from './SidePanel';
import { StatusBar } from './StatusBar';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>EfficientNet φ lab</h1>
        <p className="tagline">Compound scaling, live: depth 1.2^φ · width 1.1^φ · resolution 1.15^φ</p>
      </header>
      <StatusBar />
      <div className="layout">
        <SidePanel />
        <main className="main">
          <DropZone />
        </main>
      </div>
    </div>
  );
}

/** "Update available" once a new version waits in the service worker (main.tsx registers it); Reload applies it. */
import { useApp } from './use-app';
import './update-prompt.css';

export function UpdatePrompt() {
  const apply = useApp((s) => s.applyUpdate);
  if (!apply) return null;
  return (
    <div className="update-available" role="status" data-testid="update-available">
      <span>A new version of the lab is ready.</span>
      <button type="button" onClick={() => void apply()} data-testid="update-reload">
        Reload
      </button>
    </div>
  );
}

/** "Update available": shown once a new version of the app has installed in the background (its
 *  service worker waits); Reload hands it the page. The entry (main.tsx) registers the service
 *  worker and calls the store's offerUpdate. */
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

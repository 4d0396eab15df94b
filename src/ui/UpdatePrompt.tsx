/** "Update available": shown once a new version of the app has installed in the background (its
 *  service worker waits); Reload hands it the page. The entry (main.tsx) registers the service
 *  worker and calls offerUpdate. */
import { useSyncExternalStore } from 'react';
import './update-prompt.css';

type Apply = () => Promise<void>;
let pending: Apply | null = null;
const listeners = new Set<() => void>();

/** Shows the prompt; `apply` activates the waiting version and reloads the page. */
export function offerUpdate(apply: Apply): void {
  pending = apply;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function UpdatePrompt() {
  const apply = useSyncExternalStore(subscribe, () => pending, () => null);
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

/** "Update available": shown once a new version of the app has installed in the background (its
 *  service worker waits); Reload hands it the page. The entry (main.tsx) registers the service
 *  worker and calls offerUpdate. */
import { create } from 'zustand';
import './update-prompt.css';

type Apply = () => Promise<void>;
const useUpdate = create<{ apply: Apply | null }>(() => ({ apply: null }));

/** Shows the prompt; `apply` activates the waiting version and reloads the page. */
export const offerUpdate = (apply: Apply): void => useUpdate.setState({ apply });

export function UpdatePrompt() {
  const apply = useUpdate((s) => s.apply);
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

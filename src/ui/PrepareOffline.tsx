/** "Prepare for class": pick variants, see sizes against cache and quota, download and verify them, remove again. */
import { useEffect } from 'react';
import { VARIANT_NAMES } from '../scaling';
import { downloadBytes } from '../scaling/weight-sizes';
import { useApp } from './use-app';
import { missingBytes, type PrepareEntry } from '../store/prepare';
import { useEngine } from './engine-context';
import { fmtBytes, fmtLeft, fmtRate } from './format';
import { PHOTO_BYTES_ESTIMATE } from '../model/imagenet-sample-sizes';
import { PhotoCountSelect } from './pickers';

const STATUS_TEXT: Record<PrepareEntry['status'], string> = { missing: 'not cached', downloading: 'downloading', ready: 'ready offline', error: 'failed' };
const PHOTO_STATUS: Record<PrepareEntry['status'], string> = { ...STATUS_TEXT, missing: 'not kept' };

/** A row's Remove: `what` leaves this browser's cache. */
const RemoveButton = ({ what, ...attrs }: { what: string; onClick: () => void; 'data-testid': string; 'data-variant'?: string }) => (
  <button type="button" {...attrs} aria-label={`Remove ${what} from this browser`}>
    Remove
  </button>
);

const RowError = ({ error }: { error: string | null }) =>
  error && (
    <span className="error small" role="alert">
      {error}
    </span>
  );

/** The Evaluate view's ImageNet sample photos: kept, Evaluate's sample run works offline. */
function PhotosRow() {
  const { prepare } = useEngine();
  const { photos: p, togglePhotos, setPhotoCount } = useApp((s) => s.prepare);
  return (
    <li className="prepare-row">
      <label>
        <input type="checkbox" data-testid="prepare-photos" checked={p.chosen} onChange={togglePhotos} /> ImageNet sample photos (Evaluate)
      </label>{' '}
      <PhotoCountSelect
        aria-label="How many sample photos"
        data-testid="prepare-photos-count"
        value={p.count}
        disabled={p.status === 'downloading'}
        onChange={(n) => {
          setPhotoCount(n);
          void prepare.refreshPhotos();
        }}
      />{' '}
      <span className="muted">about {fmtBytes(p.count * PHOTO_BYTES_ESTIMATE)}</span>{' '}
      <span data-testid="prepare-photos-status" data-state={p.status}>
        {p.status === 'downloading'
          ? `downloading, ${p.kept} of ${p.count} kept`
          : p.status === 'missing' && p.kept > 0
            ? `${p.kept} of ${p.count} kept`
            : PHOTO_STATUS[p.status]}
      </span>
      {p.kept > 0 && p.status !== 'downloading' && (
        <RemoveButton data-testid="prepare-photos-remove" what="the sample photos" onClick={() => void prepare.removePhotos()} />
      )}
      <RowError error={p.error} />
    </li>
  );
}

function Row({ k }: { k: number }) {
  const { prepare } = useEngine();
  const { entries, chosen, toggle } = useApp((s) => s.prepare);
  const e = entries[k];
  const name = VARIANT_NAMES[k];
  return (
    <li className="prepare-row">
      <label>
        <input type="checkbox" data-testid="prepare-variant" data-variant={name} checked={chosen.includes(k)} onChange={() => toggle(k)} /> {name}{' '}
        <span className="muted">{fmtBytes(e.status === 'ready' ? e.bytes : downloadBytes(k))}</span>
      </label>{' '}
      <span data-testid="prepare-status" data-variant={name} data-state={e.status}>
        {e.status === 'downloading' ? `${STATUS_TEXT.downloading} ${fmtBytes(e.loaded)}` : STATUS_TEXT[e.status]}
      </span>
      {e.status === 'ready' && <RemoveButton data-testid="prepare-remove" data-variant={name} what={name} onClick={() => void prepare.remove(k)} />}
      <RowError error={e.error} />
    </li>
  );
}

export function PrepareOffline({ onClose }: { onClose: () => void }) {
  const { prepare } = useEngine();
  const source = useApp((s) => s.source);
  const s = useApp((s) => s.prepare);
  useEffect(() => void prepare.refresh(), [prepare, source]);
  const cached = s.entries.reduce((a, e) => a + (e.status === 'ready' ? e.bytes : 0), 0);
  const chosenBytes = s.chosen.reduce((a, k) => a + downloadBytes(k), 0);
  const random = source?.kind === 'random';
  return (
    <section className="prepare-panel card" data-testid="prepare-panel" aria-label="Prepare for class">
      <h2>Prepare for class</h2>
      <p className="muted small">
        Download and verify the weights once, before the lesson: the lab then answers with these variants with no network at all (the app itself is already kept
        by the service worker).
      </p>
      {random && <p data-testid="prepare-size">Random weights need no download: only the sample photos can be prepared.</p>}
      <ul className="prepare-list">
        {!random && VARIANT_NAMES.map((_, k) => <Row key={k} k={k} />)}
        <PhotosRow />
      </ul>
      {!random && (
        <p data-testid="prepare-size">
          Chosen {fmtBytes(chosenBytes)}: {fmtBytes(missingBytes(s))} to download, {fmtBytes(chosenBytes - missingBytes(s))} already cached · all cached
          variants {fmtBytes(cached)} ·{' '}
          {s.storage ? `this site uses ${fmtBytes(s.storage.usage)} of ${fmtBytes(s.storage.quota)} the browser grants` : 'storage estimate unavailable'} ·{' '}
          {s.persisted === null ? 'persistence unknown' : s.persisted ? 'storage is persistent' : 'storage is not persistent (the browser may evict it)'}
        </p>
      )}
      <p>
        <button
          type="button"
          data-testid="prepare-start"
          disabled={s.running || (!s.photos.chosen && (random || s.chosen.length === 0))}
          onClick={() => void prepare.start()}
        >
          {s.running ? 'Preparing…' : 'Download and verify'}
        </button>{' '}
        {s.running && (
          <span data-testid="prepare-progress">
            {s.rate ? fmtRate(s.rate) : 'starting…'}
            {s.etaS !== null && `, ${fmtLeft(s.etaS)}`}
          </span>
        )}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    </section>
  );
}

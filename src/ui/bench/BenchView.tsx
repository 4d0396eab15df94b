/** The benchmark view (?view=bench): pick backends, variants and runs, run the same benchmark as
 *  `npm run bench` (one bench worker per backend), read the table, export JSON/CSV. The report is
 *  published on `window.__benchResults` and in <pre data-testid="bench-json">.
 *  A link cannot start it: in production builds `&auto=1` only fills in the settings and waits for
 *  a click on Start (`&debug=1` or not; the CLI clicks), and tf.env flags from `&flags=` are listed
 *  and applied only when the person ticks them. Only dev builds start by themselves. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchReport, BenchResult } from '../../worker/bench-protocol';
import { BACKENDS, type BackendName } from '../../model/backend-name';
import { KERNEL_MODES, WEBGPU_KERNELS_FLAG, type KernelMode } from '../../model/kernels/plan';
import { VARIANT_NAMES } from '../../scaling';
import { ScrollTable } from '../TableScroll';
import { BENCH_BACKENDS } from '../../worker/bench-protocol';
import { downloadFile } from '../download';
import { cell, COLUMNS, parseBenchParams, toCsv } from '../../store/bench-format';
import { useEngine } from '../engine-context';
import { OptionSelect } from '../pickers';
import { toggled } from '../../store/lab-store';
import './bench.css';

declare global {
  interface Window {
    __benchResults?: BenchReport;
    __benchProgress?: string;
    __benchError?: string;
  }
}

const initial = parseBenchParams(typeof location === 'undefined' ? '' : location.search);
// Dev builds only: a production link (debug or not) would spend minutes of GPU and hundreds of MB without asking.
const autoRun = initial.auto && import.meta.env.DEV;
// The link's tf.env flags other than the one the "fused kernels" box shows: listed, ticked to apply.
const linkFlags = Object.entries(initial.flags ?? {}).filter(([k]) => k !== WEBGPU_KERNELS_FLAG);

export function BenchView() {
  const engine = useEngine();
  const [backends, setBackends] = useState<BackendName[]>(initial.backends);
  const [variants, setVariants] = useState<number[]>(initial.variants);
  const [runs, setRuns] = useState(initial.runs);
  const [fusedKernels, setFusedKernels] = useState(initial.flags?.[WEBGPU_KERNELS_FLAG] !== false);
  const [kernels, setKernels] = useState<KernelMode>(initial.kernels ?? 'auto');
  const [applyLinkFlags, setApplyLinkFlags] = useState(autoRun);
  const [phase, setPhase] = useState<'idle' | 'waiting' | 'running'>('idle');
  const [progress, setProgress] = useState(initial.auto && !autoRun ? 'This link asks to run the benchmark: press Start to run it.' : '');
  const [rows, setRows] = useState<BenchResult[]>([]);
  const [report, setReport] = useState<BenchReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const start = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setPhase('waiting');
    setRows([]);
    setReport(null);
    setError(null);
    delete window.__benchResults;
    const say = (s: string) => {
      window.__benchProgress = s;
      setProgress(s);
    };
    try {
      say('Waiting for the model source…');
      const baseUrl = await engine.whenSource();
      // The lab's runs, decodes and prefetch would share the CPU/GPU (and a prefetch could refill
      // the cache between "clear" and "network load"): the engine holds them while the bench runs.
      say('Pausing the lab’s own inference…');
      const order = BENCH_BACKENDS.filter((b) => backends.includes(b)).concat(backends.filter((b) => !BENCH_BACKENDS.includes(b)));
      const r = await engine.bench(
        {
          baseUrl,
          backends: order,
          variants: [...variants].sort((a, b) => a - b),
          runs,
          flags: { ...(applyLinkFlags ? Object.fromEntries(linkFlags) : {}), [WEBGPU_KERNELS_FLAG]: fusedKernels },
          kernels,
          threads: initial.threads,
        },
        (line) => {
          setPhase('running'); // the first progress comes once the lab is held
          say(line);
        },
        (res) => setRows((prev) => [...prev, res]),
      );
      window.__benchResults = r;
      setReport(r);
      say(r.errors?.length ? `Done with ${r.errors.length} error(s)` : 'Done');
    } catch (e) {
      const msg = (e as Error).message;
      window.__benchError = msg;
      setError(msg);
    } finally {
      running.current = false;
    }
  }, [engine, backends, variants, runs, fusedKernels, kernels, applyLinkFlags]);

  useEffect(() => {
    // Once per app (the store remembers), not per mount: StrictMode and a return to the view remount it.
    if (autoRun && engine.store.getState().claimBenchAutoStart()) {
      // A one-time start from the link (dev builds only), not state derived from props.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      void start();
    }
  }, [start, engine]);

  // A finished run's report or error outranks the phase it ended in (the next start clears both).
  const state = error !== null ? 'error' : report ? 'done' : phase;
  const busy = state === 'waiting' || state === 'running';
  const json = report ? JSON.stringify(report, null, 2) : '';
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

  return (
    <section data-testid="bench" className="bench" data-state={state}>
      <h2 className="bench-title">Benchmark</h2>
      <p className="muted small">
        Per backend a fresh worker: weights from the network and from the cache, warm-up, first inference (shader compilation), steady median/p95 over N runs,
        GFLOP/s (2·multiply-adds/time) against a 1024² matMul, and on WebGPU/WASM the own network against tf.loadGraphModel on the same weights, interleaved.
      </p>
      <fieldset className="bench-controls" disabled={busy}>
        <legend>Settings</legend>
        <div className="bench-row">
          <span>Backends</span>
          {BACKENDS.map((b) => (
            <label key={b}>
              <input type="checkbox" checked={backends.includes(b)} data-testid={`bench-backend-${b}`} onChange={() => setBackends((l) => toggled(l, b))} /> {b}
            </label>
          ))}
        </div>
        <div className="bench-row">
          <span>Variants</span>
          {VARIANT_NAMES.map((name, k) => (
            <label key={name}>
              <input type="checkbox" checked={variants.includes(k)} data-testid={`bench-variant-${name}`} onChange={() => setVariants((l) => toggled(l, k))} />{' '}
              {name}
            </label>
          ))}
        </div>
        <div className="bench-row">
          <label>
            Runs{' '}
            <input
              type="number"
              min={1}
              max={200}
              value={runs}
              data-testid="bench-runs"
              onChange={(e) => setRuns(Math.max(1, Math.min(200, Number(e.target.value) || 1)))}
            />
          </label>
          <label title="Off: the own network runs on stock tfjs kernels too (an A/B check on your GPU)">
            <input type="checkbox" checked={fusedKernels} data-testid="bench-fused-kernels" onChange={(e) => setFusedKernels(e.target.checked)} /> fused WebGPU
            kernels
          </label>
          <label title="auto: time barrier-free, tiled and stock kernels per class on this GPU at warm-up and keep the fastest">
            kernels <OptionSelect options={KERNEL_MODES} value={kernels} data-testid="bench-kernels" onChange={setKernels} />
          </label>
          {linkFlags.length > 0 && (
            <label data-testid="bench-link-flags" title="tf.env settings change how TensorFlow.js runs; a link should not change them unseen">
              <input type="checkbox" checked={applyLinkFlags} data-testid="bench-link-flags-confirm" onChange={(e) => setApplyLinkFlags(e.target.checked)} />{' '}
              apply the link’s tf.env flags: {linkFlags.map(([k, v]) => `${k}=${String(v)}`).join(', ')}
            </label>
          )}
          {initial.threads && (
            <span className="muted" data-testid="bench-threads">
              wasm threads {initial.threads.join(', ')}: one pass each (from the link)
            </span>
          )}
          <button
            type="button"
            className="bench-run"
            data-testid="bench-run"
            disabled={busy || !backends.length || !variants.length}
            onClick={() => void start()}
          >
            {busy ? 'Running…' : 'Run benchmark'}
          </button>
        </div>
      </fieldset>
      <p className="bench-progress" data-testid="bench-progress" aria-live="polite">
        {progress}
      </p>
      {error && <p className="error">{error}</p>}
      {report?.errors?.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
      <ScrollTable label="Benchmark table (scrolls sideways)" heads={COLUMNS.map((c) => c.label)} className="bench-table" testId="bench-table">
        {rows.map((r) => (
          <tr key={`${r.backend}-${r.variant}`}>
            {COLUMNS.map((c) => (
              <td key={c.key}>{cell(r, c)}</td>
            ))}
          </tr>
        ))}
      </ScrollTable>
      {report && (
        <div className="bench-row">
          <button type="button" data-testid="bench-export-json" onClick={() => downloadFile(json, `bench-${stamp()}.json`)}>
            Export JSON
          </button>
          <button type="button" data-testid="bench-export-csv" onClick={() => downloadFile(toCsv(report), `bench-${stamp()}.csv`)}>
            Export CSV
          </button>
          <span className="muted small">
            {report.machine.userAgent}
            {report.machine.adapter ? ` · ${report.machine.adapter}` : ''}
          </span>
        </div>
      )}
      <pre data-testid="bench-json" className="bench-json" hidden={!report}>
        {json}
      </pre>
    </section>
  );
}

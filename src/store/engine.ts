/** Turns store changes into worker requests and worker answers back into store state; the latest
 *  lab request wins. Timed series pause the engine's background work so that they time alone. */
import type { InferenceClient } from '../worker/client';
import { latencyOnly, modelIdOf, variantOf, type LoadPhase, type Answer, type SeriesEntry } from '../worker/protocol';
import { Coalescer } from './coalescer';
import { customModel, exactSpecFor, labNameOf, specFor } from './lab-spec';
import { decodeImageFile } from '../image/decode-file';
import type { InferenceResult, Status } from './lab-store';
import type { AppStore } from './app-store';
import { sliceStore } from './slice-store';
import { QuietGate } from './quiet';
import { officialSpec, RANDOM_SOURCE, sourceQuestion, startSource, whenSource } from './source';
import { workerTools } from './worker-tools';
import { createPreparer } from './prepare';
import { timeRows, type MeasureSeries, type TimeRows } from './series-pipeline';
import { SERIES_RUNS, SERIES_WARMUP } from '../model/timing';
import { runComparison } from './compare';
import { paperRuns } from './paper-runs';
import { runBench } from './bench-runner';
import { labDownloads } from './lab-downloads';

/** `standInFor`: the variant φ asks for, downloading while this job's network answers in its place. */
type Job = Pick<InferenceResult, 'spec' | 'standInFor'>;

export type EngineClient = Pick<InferenceClient, 'send' | 'cancel' | 'onRestart' | 'onUnsolicited'>;

export interface EngineDeps {
  client: EngineClient;
  store: AppStore;
  source?: typeof startSource;
  /** Decodes a user's SVG on the page. */
  decode?: typeof decodeImageFile;
}

export type Engine = ReturnType<typeof createEngine>;

const PHASE_STATUS: Record<LoadPhase, Status> = { download: 'loading', cache: 'loading', build: 'loading', compile: 'compiling', run: 'running' };

export function createEngine({ client, store, source = startSource, decode = decodeImageFile }: EngineDeps) {
  const lab = () => store.getState();
  const question = sourceQuestion();
  let imageVersion = 0;
  let running: { id: number; key: string } | null = null;
  /** The user's file, kept so a restarted worker can be given the image again. */
  let lastFile: File | null = null;
  /** Decoding a huge image takes seconds: a superseded one ends quietly. */
  let decodeSeq = 0;
  /** After a worker restart: settles once the new worker has its backend and the image again. */
  let restoring: Promise<void> = Promise.resolve();
  /** The network and image of the newest lab request: moving φ within one variant asks again for
   *  the same answer, which is not sent (cleared when a request fails, so Retry runs it). */
  let asked: { model: string; image: number } | null = null;
  /** Asked for while paused: done on resume. */
  let missed = { schedule: false, prefetch: null as number | null };

  const gate: QuietGate = new QuietGate(() => {
    if (missed.schedule) schedule();
    if (missed.prefetch !== null) prefetchNeighbours(missed.prefetch);
    missed = { schedule: false, prefetch: null };
  });
  const downloads = labDownloads(client, lab, gate);
  const prefetchNeighbours = (k: number) => void (downloads.prefetchNeighbours(k) || (missed.prefetch = k));

  async function runJob({ spec, standInFor }: Job): Promise<InferenceResult> {
    await restoring;
    const key = labNameOf(spec);
    lab().setStatus('running');
    const req = client.send({ type: 'classify', model: spec, cam: true }, ['result'], {
      onProgress: (p) => {
        downloads.track(key, p);
        lab().setStatus(PHASE_STATUS[p.phase]);
      },
      onAnswer: (r) => {
        if (r.type !== 'ready') return;
        lab().setLoad(key, { phase: 'ready', loaded: r.bytes, total: r.bytes, fromCache: r.fromCache });
        if (!latencyOnly(spec)) lab().setSynthetic(r.synthetic, r.precision);
      },
    });
    running = { id: req.id, key };
    try {
      const { type: _type, id: _id, ...outcome } = await req.done;
      return { ...outcome, latencyOnly: latencyOnly(spec), standInFor, variant: variantOf(spec), name: key, spec };
    } catch (e) {
      lab().dropDownload(key);
      throw e;
    } finally {
      running = null;
    }
  }

  const coalescer = new Coalescer<Job, InferenceResult>({
    run: (job) => gate.run(() => runJob(job)),
    onResult: (result) => {
      lab().showResult(result);
      if (result.variant !== null && !result.standInFor) prefetchNeighbours(result.variant);
    },
    onError: (e) => {
      asked = null;
      if (e.message !== 'cancelled') lab().fail(e.message);
    },
  });

  function schedule(): void {
    const { phi, formula, custom, source, error, view } = lab();
    if (!source || view === 'bench') return;
    if (gate.paused) return void (missed.schedule = true);
    const next = specFor({ phi, formula }, source.baseUrl, custom);
    const key = labNameOf(next);
    const want = { model: modelIdOf(next), image: imageVersion };
    if (!error && asked?.model === want.model && asked.image === want.image) return;
    asked = want;
    // A download of a variant the user has moved away from is aborted rather than waited for.
    downloads.abandon(want.model);
    if (running && running.key !== key && lab().loads[running.key]?.phase === 'download') client.cancel(running.id);
    // A variant still to download: the one on show answers meanwhile, and says so.
    const k = next.kind === 'official' ? downloads.standIn(key) : null;
    if (k === null) return coalescer.submit({ spec: next });
    downloads.fetchWanted(next, () => {
      asked = null; // now cached (or failed: its own load says why)
      schedule();
    });
    coalescer.submit({ spec: officialSpec(k, source.baseUrl), standInFor: key });
  }

  /** Runs `work` with lab runs, decodes and prefetch held (a prefetch in flight is cancelled), once the lab's running work has settled. */
  async function whilePaused<T>(work: () => Promise<T>): Promise<T> {
    const from = downloads.cancelPrefetch();
    if (from !== null) missed.prefetch = from; // fetched again on resume
    if (downloads.abandon()) {
      asked = null; // the lab's download too, started again on resume
      missed.schedule = true;
    }
    const resume = await gate.pause();
    return work().finally(resume);
  }

  /** The worker's timed series, with every other piece of work held (and after a worker restart, restored). */
  const measureSeries: MeasureSeries = (specs, o) =>
    whilePaused(async () => {
      await restoring;
      const req = { type: 'measure' as const, models: specs, runs: o.runs, warmup: SERIES_WARMUP, cam: o.cam };
      return (await client.send(req, ['series'], { onProgress: o.onProgress }).done).entries;
    });
  const time: TimeRows = (rows, o) => timeRows(measureSeries, rows, o);

  /** Resolves once the worker holds `file`'s pixels (decoded there: no long task on the page), with
   *  its size and what the page shows (the file itself, or a small copy of a huge one); or with null
   *  when a newer image (`current()` false) superseded an SVG, which only an <img> rasterises and so
   *  is decoded here. */
  async function keepFile(file: File, current: () => boolean) {
    const r = await client.send({ type: 'setImageFile', file }, ['imageSet', 'needsPage']).done;
    if (r.type === 'imageSet') return { width: r.width, height: r.height, display: r.display ?? file };
    const d = await decode(file);
    if (!current()) {
      d.bitmap.close();
      return null;
    }
    const set = await client.send({ type: 'setImage', image: d.bitmap, name: file.name }, ['imageSet'], { transfer: [d.bitmap] }).done;
    return { width: set.width, height: set.height, display: d.display };
  }

  /** A user's file, or null: back to the procedural test pattern. Every image the worker keeps is
   *  shown (its answers come in order), so the page never shows one image and classifies another. */
  async function setImage(file: File | null): Promise<void> {
    const seq = ++decodeSeq;
    const current = () => seq === decodeSeq;
    const kept = file ? keepFile(file, current) : client.send({ type: 'clearImage' }, ['imageSet']).done.then(() => null);
    // A superseded image that failed (or was aborted) ends quietly: the newer one reports for itself.
    const d = await kept.catch((e: unknown) => (current() ? Promise.reject(e as Error) : undefined));
    if (d === undefined || (file && !d)) return;
    lastFile = file;
    coalescer.clear(); // whatever runs now is for the old image: never show it for the new one
    const old = lab().image;
    if (old) URL.revokeObjectURL(old.url);
    imageVersion++;
    lab().showImage(file && d ? { name: file.name, width: d.width, height: d.height, url: URL.createObjectURL(d.display) } : null);
  }

  const showBackend = ({ type: _type, id: _id, backend: name, ...info }: Answer<'backend'>) => lab().setBackendInfo({ name, ...info });
  const init = () =>
    client.send({ type: 'init', backend: lab().backend ?? undefined, kernels: lab().kernels ?? undefined }, ['backend']).done.then(showBackend);

  return {
    whilePaused,

    async start(): Promise<void> {
      client.onRestart = (reason) => {
        asked = null;
        lab().fail(`${reason}. It was restarted; press Retry or move φ to run again.`, 'idle');
        const file = lastFile;
        restoring = init()
          .then(async () => void (file && (await keepFile(file, () => true))))
          .catch((e: Error) => lab().fail(e.message));
      };
      client.onUnsolicited = (msg) => {
        if (msg.type === 'backend') showBackend(msg);
      };
      try {
        const [started] = await Promise.all([source(lab().models, lab().weights, lab().askSource, question), init()]);
        lab().setSource(started);
      } catch (e) {
        lab().fail((e as Error).message);
        return;
      }
      // The bench view measures on its own workers: the lab stays idle meanwhile.
      store.subscribe((s, prev) => {
        if (s.phi !== prev.phi || s.formula !== prev.formula || s.custom !== prev.custom || (prev.view === 'bench' && s.view !== 'bench')) schedule();
      });
      schedule();
    },

    /** Decodes a user's file for the worker (the old image stays if this fails); null: the test pattern. */
    async setImageFile(file: File | null): Promise<void> {
      try {
        await gate.run(() => setImage(file));
        schedule();
      } catch (e) {
        lab().fail((e as Error).message, 'idle');
      }
    },

    /** A dropped converted model folder instead of the built-in weights; null goes back to them. */
    setCustomModel(files: File[] | null, name?: string): void {
      const custom = files ? customModel(files, name) : null;
      if (typeof custom === 'string') lab().fail(custom, lab().status);
      else lab().setCustom(custom); // the store subscription schedules
    },

    /** The weights error's use-random-weights button (?weights=random from now on). */
    switchToRandomWeights(): void {
      lab().useRandomWeights(RANDOM_SOURCE);
      schedule();
    },

    retry(): void {
      lab().clearError();
      downloads.retry();
      schedule();
    },

    /** The raw series (window.phiLab.engine.measureSeries): one entry per spec. */
    measureSeries,

    compare: (variants: number[] = lab().compare, runs: number = SERIES_RUNS.compare) => runComparison(store, time, variants, runs),

    /** The Lab's "measure latency": a short series of the network on show, its latency refined. */
    async measureLab(runs: number = SERIES_RUNS.lab): Promise<SeriesEntry | null> {
      const shown = lab().result;
      if (!shown) return null;
      const [entry] = await time([{ spec: shown.spec }], { runs });
      if (entry.ok) lab().setResultLatency(shown.name, entry.latency);
      else lab().fail(entry.error, 'idle');
      return entry;
    },

    ...paperRuns(store, time),
    /** The benchmark on its own workers, with the lab held meanwhile (it would share the CPU/GPU). */
    bench: (...a: Parameters<typeof runBench>) => whilePaused(() => runBench(...a)),

    /** "Export ONNX": the current network (exactSpecFor) as an ONNX file, built by the worker, which owns the weights. */
    async exportOnnx(): Promise<Answer<'onnx'>> {
      await Promise.all([restoring, whenSource(store)]); // before it, Bk would export as the formula network
      return client.send({ type: 'exportOnnx', model: exactSpecFor(lab()) }, ['onnx']).done;
    },

    whenSource: () => whenSource(store),
    prepare: createPreparer(client, () => lab().source, sliceStore(store, 'prepare')),
    answerSource: question.answer,
    store,
    ...workerTools(client),
  };
}

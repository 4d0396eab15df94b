import { describe, expect, it } from 'vitest';
import { flush, seriesEntry, setUp, variantOf } from './test-support/engine-harness';

describe('createEngine', () => {
  it('runs the variant under φ once started, then prefetches a neighbour', async () => {
    const { client, store, engine } = setUp();
    await engine.start();
    expect(store.getState().source?.baseUrl).toBe('http://models/');
    const [run] = client.open('classify');
    expect(variantOf(run)).toBe(0);
    client.result(run, 12);
    await flush();
    expect(store.getState().result).toMatchObject({ name: 'B0', variant: 0, spec: { kind: 'official' } });
    expect(store.getState().status).toBe('idle');
    const [pre] = client.open('prefetch');
    expect(variantOf(pre)).toBe(1);
  });

  it('coalesces a drag: one runs, the newest waits, only the latest result is shown', async () => {
    const { client, store, engine } = setUp();
    await engine.start();
    const [first] = client.open('classify');
    for (const phi of [1, 2, 3]) store.getState().setPhi(phi);
    await flush();
    expect(client.open('classify')).toHaveLength(1); // B1, B2 never sent: replaced while B0 ran
    client.result(first);
    await flush();
    expect(store.getState().result).toBeNull(); // B0 is stale: φ moved on
    const [latest] = client.open('classify');
    expect(variantOf(latest)).toBe(3);
    client.result(latest);
    await flush();
    expect(store.getState().result?.name).toBe('B3');
  });

  it('sends nothing when φ moves within the variant on show; a new image or a retry after an error asks again', async () => {
    const { client, store, engine } = setUp();
    store.getState().setPhi(1.1);
    await engine.start();
    client.result(client.open('classify')[0]);
    await flush();
    const asked = () => client.sent.filter((s) => s.body.type === 'classify').length;
    expect(asked()).toBe(1);
    for (const phi of [1.2, 1.3, 1.4]) store.getState().setPhi(phi); // all answered by B1
    await flush();
    expect(asked()).toBe(1);
    await engine.setImageFile(new File([new Uint8Array(4)], 'cat.png'));
    await flush();
    expect(asked()).toBe(2); // same network, new pixels
    const [run] = client.open('classify');
    run.settled = true;
    run.reject(new Error('B1 failed'));
    await flush();
    expect(store.getState().error).toBe('B1 failed');
    engine.retry();
    await flush();
    expect(asked()).toBe(3);
  });

  it('pause waits for the running lab job, holds new runs and decodes, and resumes them', async () => {
    const { client, store, engine } = setUp();
    await engine.start();
    const [run] = client.open('classify');
    let quiet = false;
    let resume!: () => void;
    const held = engine.whilePaused(() => new Promise<void>((r) => ((quiet = true), (resume = r))));
    await flush();
    expect(quiet).toBe(false); // B0 still runs
    client.result(run);
    await flush();
    expect(quiet).toBe(true);
    // While paused: φ moves and an image is dropped; nothing reaches the worker.
    const before = client.sent.length;
    store.getState().setPhi(2);
    const dropped = engine.setImageFile(new File([new Uint8Array(4)], 'cat.png'));
    await flush();
    expect(client.sent.length).toBe(before);
    expect(store.getState().image).toBeNull();
    resume();
    await held;
    await dropped;
    await flush();
    expect(store.getState().image?.name).toBe('cat.png');
    expect(client.open('classify').map(variantOf)).toEqual([2]);
  });

  it('pause cancels an in-flight prefetch (speculative) and does not start another until resumed', async () => {
    const { client, engine } = setUp();
    await engine.start();
    client.result(client.open('classify')[0]);
    await flush();
    const [pre] = client.open('prefetch');
    let resume!: () => void;
    void engine.whilePaused(() => new Promise<void>((r) => (resume = r)));
    await flush();
    expect(client.cancelled).toContain(pre.id);
    expect(client.open('prefetch')).toHaveLength(0);
    resume();
    await flush();
    expect(client.open('prefetch').map(variantOf)).toEqual([1]); // asked again after the pause
  });

  it('compares through the engine: one interleaved series, lab paused meanwhile, cards filled', async () => {
    const { client, store, compare, engine } = setUp();
    await engine.start();
    client.result(client.open('classify')[0]);
    await flush();
    const running = engine.compare([0, 1, 2], 5);
    await flush();
    const [series] = client.open('measure');
    expect(series.body).toMatchObject({ type: 'measure', runs: 5, warmup: 1, cam: true });
    expect((series.body as unknown as { models: { variant: number }[] }).models.map((m) => m.variant)).toEqual([0, 1, 2]);
    series.hooks.onProgress?.({ type: 'progress', id: series.id, modelId: 'B1@http://models/', phase: 'download', loaded: 1, total: 2 });
    expect(compare.getState().entries.map((e) => e.status)).toEqual(['pending', 'loading', 'pending']);
    store.getState().setPhi(1); // the user moves φ during the series: the lab waits
    await flush();
    expect(client.open('classify')).toHaveLength(0);
    client.answer(series, {
      type: 'series',
      id: series.id,
      entries: [seriesEntry([10, 11, 12]), seriesEntry([20, 30, 21]), { ok: false, error: 'B2 failed' }],
    });
    await running;
    await flush();
    const es = compare.getState().entries;
    expect(es.map((e) => e.status)).toEqual(['done', 'done', 'error']);
    expect(es[0]).toMatchObject({ steadyMs: 11, p25Ms: 10, p75Ms: 12, minMs: 10, runsMs: [10, 11, 12], firstMs: 500, noisy: false });
    expect(es[1]).toMatchObject({ steadyMs: 21, p25Ms: 20, p75Ms: 30, noisy: true }); // 30/20 > 1.3
    expect(es[2].error).toBe('B2 failed');
    expect(compare.getState().running).toBe(false);
    expect(client.open('classify').map(variantOf)).toEqual([1]); // the held lab run, after the series
  });

  it('a failed series marks every card as failed and still resumes the lab', async () => {
    const { client, store, compare, engine } = setUp();
    await engine.start();
    client.result(client.open('classify')[0]);
    await flush();
    const running = engine.compare([0, 1]);
    await flush();
    const [series] = client.open('measure');
    expect(series.body).toMatchObject({ runs: 7 });
    series.settled = true;
    series.reject(new Error('worker crashed'));
    await running;
    expect(compare.getState().entries.map((e) => [e.status, e.error])).toEqual([
      ['error', 'worker crashed'],
      ['error', 'worker crashed'],
    ]);
    store.getState().setPhi(1); // the lab runs again
    await flush();
    expect(client.open('classify').map(variantOf)).toEqual([1]);
  });

  it('measure latency in the Lab puts the series latency on the result on show', async () => {
    const { client, store, engine } = setUp();
    await engine.start();
    client.result(client.open('classify')[0]);
    await flush();
    const measuring = engine.measureLab(3);
    await flush();
    const [series] = client.open('measure');
    expect(series.body).toMatchObject({ runs: 3, models: [{ kind: 'official', variant: 0 }] });
    client.answer(series, { type: 'series', id: series.id, entries: [seriesEntry([40, 42, 41])] });
    await measuring;
    expect(store.getState().result?.latency).toMatchObject({ steadyMedianMs: 41, steadyP25Ms: 40, steadyP75Ms: 42, steadyRuns: 3 });
  });

  it('a newer image supersedes a long decode in the worker, which then ends quietly; an image the worker kept is shown', async () => {
    const { client, store, engine } = setUp();
    client.heldFiles.add('endless.png').add('kept.png').add('newer.png');
    await engine.start();
    const old = engine.setImageFile(new File([new Uint8Array(4)], 'endless.png'));
    await flush();
    const [endless] = client.open('setImageFile');
    await engine.setImageFile(new File([new Uint8Array(4)], 'new.png'));
    endless.settled = true;
    endless.reject(new Error('a newer image replaced it')); // the worker's abort
    await old;
    expect(store.getState().image).toMatchObject({ name: 'new.png', width: 4, height: 3 });
    expect(store.getState().error).toBeNull();
    // Kept by the worker before a newer drop: shown (the worker's answers come in order), then the newer one.
    const kept = engine.setImageFile(new File([new Uint8Array(4)], 'kept.png'));
    await flush();
    const newer = engine.setImageFile(new File([new Uint8Array(4)], 'newer.png'));
    await flush();
    const [keptReq, newerReq] = client.open('setImageFile');
    client.answer(keptReq, { type: 'imageSet', id: keptReq.id, width: 40, height: 30 });
    await kept;
    expect(store.getState().image).toMatchObject({ name: 'kept.png', width: 40, height: 30 });
    client.answer(newerReq, { type: 'imageSet', id: newerReq.id, width: 8, height: 6 });
    await newer;
    expect(store.getState().image).toMatchObject({ name: 'newer.png', width: 8, height: 6 });
  });

  it('an SVG, which the worker cannot rasterise, is decoded on the page and handed over', async () => {
    const { client, store, engine } = setUp();
    client.heldFiles.add('logo.svg');
    await engine.start();
    const dropped = engine.setImageFile(new File(['<svg/>'], 'logo.svg'));
    await flush();
    const [svg] = client.open('setImageFile');
    client.answer(svg, { type: 'needsPage', id: svg.id });
    await dropped;
    expect(client.sent.filter((s) => s.body.type === 'setImage').map((s) => s.body)).toMatchObject([{ name: 'logo.svg' }]);
    expect(store.getState().image).toMatchObject({ name: 'logo.svg', width: 4, height: 3 });
  });
});

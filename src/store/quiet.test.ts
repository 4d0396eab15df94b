import { describe, expect, it } from 'vitest';
import { QuietGate } from './quiet';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('QuietGate', () => {
  it('pause resolves only after running work settles; new work waits until resume', async () => {
    let resumed = 0;
    const gate = new QuietGate(() => resumed++);
    let finish!: () => void;
    const started: string[] = [];
    void gate.run(() => new Promise<void>((r) => ((finish = r), started.push('a'))));
    let quiet = false;
    const paused = gate.pause().then((resume) => ((quiet = true), resume));
    void gate.run(async () => void started.push('b'));
    await flush();
    expect(quiet).toBe(false);
    expect(started).toEqual(['a']);
    finish();
    const resume = await paused;
    let again = false;
    void gate.pause().then((r) => ((again = true), r())); // nothing is busy now: a second pause is quiet at once
    await flush();
    expect(again).toBe(true);
    await flush();
    expect(started).toEqual(['a']);
    resume();
    resume(); // a second call releases nothing more
    await flush();
    expect(started).toEqual(['a', 'b']);
    expect(resumed).toBe(1);
  });

  it('nested pauses: work resumes when the last one is released', async () => {
    const gate = new QuietGate();
    const r1 = await gate.pause();
    const r2 = await gate.pause();
    let ran = false;
    void gate.run(async () => void (ran = true));
    r1();
    await flush();
    expect(ran).toBe(false);
    expect(gate.paused).toBe(true);
    r2();
    await flush();
    expect(ran).toBe(true);
  });
});

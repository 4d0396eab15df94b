/** Drives the in-app bench view in a browser (presses Start) until window.__benchResults is set
 *  (npm run bench, npm run bench:compare). */
import type { Browser } from '@playwright/test';
import type { BenchReport } from '../../src/worker/bench-protocol.ts';
import { log } from './bench-server.ts';

declare global {
  interface Window {
    __benchResults?: BenchReport;
    __benchProgress?: string;
    __benchError?: string;
  }
}

export async function drive(browser: Browser, url: string, o: { timeoutS: number }): Promise<BenchReport> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[browser ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`[page error] ${e.message}`));
  await page.goto(url);
  await page
    .getByTestId('bench')
    .waitFor({ timeout: 60_000 })
    .catch(() => {
      throw new Error('the page shows no bench view (data-testid="bench"): is ?view=bench routed to <BenchView/> in App.tsx?');
    });
  // A link only fills in the settings (auto=1 starts nothing in a production build): tick the
  // link's tf.env flags where it has some, and press Start as a person would.
  const flagsBox = page.getByTestId('bench-link-flags-confirm');
  if (await flagsBox.count()) await flagsBox.check();
  await page.getByTestId('bench-run').click();
  const deadline = Date.now() + o.timeoutS * 1000;
  let last = '';
  for (;;) {
    const s = await page.evaluate(() => ({
      progress: window.__benchProgress ?? '',
      error: window.__benchError ?? null,
      done: window.__benchResults !== undefined,
    }));
    if (s.progress !== last) {
      last = s.progress;
      log(s.progress);
    }
    if (s.error) throw new Error(`the bench page failed: ${s.error}`);
    if (s.done) break;
    if (Date.now() > deadline) throw new Error(`no results after ${o.timeoutS} s (last: ${last})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return page.evaluate(() => window.__benchResults as BenchReport);
}

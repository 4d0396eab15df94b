// npm run bench:compare [-- --variants B0,B1,B2,B3] [--rounds 1]
//
// Does the lab's Compare view measure what the benchmark measures? Serves the built app, runs
// Compare on the given variants (webgpu, the lab's engine and worker: interleaved series, everything
// else paused), then the bench view on the same variants and backend, and prints both medians with
// their ratio, both over Compare's run count. Each round does both, so drift shows as a
// difference between rounds.
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, executablePath } from '../playwright.config.ts';
import { SERIES_RUNS } from '../src/model/timing.ts';
import { parseVariantName, variantName } from '../src/scaling/variants.ts';
import { drive } from './lib/bench-drive.ts';
import { benchQuery } from './lib/bench-args.ts';
import { ensureBuild, ensureSynthetic, log, startPreview } from './lib/bench-server.ts';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface CompareRow {
  variant: string;
  median: number;
  p25: number;
  p75: number;
}

async function compare(browser: Browser, base: string, names: string[]): Promise<CompareRow[]> {
  const page = await browser.newPage();
  await page.goto(`${base}/?compare=${names.join(',')}&backend=webgpu&debug=1`);
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-run').click();
  const rows: CompareRow[] = [];
  for (const v of names) {
    const card = page.locator(`[data-testid="compare-card"][data-variant="${v}"]`);
    await card.and(page.locator('[data-status="done"]')).waitFor({ timeout: 1_800_000 });
    const median = Number(await card.getByTestId('compare-steady-ms').textContent());
    const range = card.getByTestId('compare-range');
    rows.push({ variant: v, median, p25: Number(await range.getAttribute('data-p25')), p75: Number(await range.getAttribute('data-p75')) });
  }
  await page.close();
  return rows;
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: { variants: { type: 'string', default: 'B0,B1,B2,B3' }, rounds: { type: 'string', default: '1' } },
  });
  const variants = args.variants.split(',').map((n) => parseVariantName(n, { bare: true }));
  if (variants.some((v) => v === null)) throw new Error('--variants: a comma-separated list of B0…B7');
  const ids = variants as number[];
  const names = ids.map(variantName);
  const runs = SERIES_RUNS.compare;
  const rounds = Number(args.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds: a whole number ≥ 1');
  await ensureBuild(ROOT, null);
  await ensureSynthetic(ROOT, ids);
  const server = await startPreview(ROOT);
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    // Printed as each round ends, so a long run shows its rows early.
    const print = (l: string) => void process.stdout.write(l + '\n');
    print('| round | variant | Compare median (p25–p75) ms | bench own median ms | Compare / bench | bench graph ms | bench ORT-web ms | own / ORT |');
    print('|---|---|---|---|---|---|---|---|');
    for (let r = 1; r <= rounds; r++) {
      log(`round ${r}: Compare ${names.join(', ')} (${runs} runs)`);
      const c = await compare(browser, server.url, names);
      log(`round ${r}: bench ${names.join(', ')} (${runs} runs)`);
      const q = benchQuery({ backends: ['webgpu'], variants: ids, runs, flags: null });
      const report = await drive(browser, `${server.url}/${q}`, { timeoutS: 3600 });
      for (const row of c) {
        const b = report.results.find((x) => x.variant === row.variant && x.backend === 'webgpu');
        const ratio = b ? (row.median / b.medianMs).toFixed(2) : 'n/a';
        const ms = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(0));
        const ort = b?.ortError ? `error: ${b.ortError}` : ms(b?.ortMedianMs);
        print(
          `| ${r} | ${row.variant} | ${row.median.toFixed(0)} (${row.p25.toFixed(0)}–${row.p75.toFixed(0)}) | ${ms(b?.medianMs)} | ${ratio} | ${ms(b?.graphMedianMs)} | ${ort} | ${b?.ownOverOrt?.toFixed(2) ?? 'n/a'} |`,
        );
      }
    }
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench:compare: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

// npm run bench [-- --backends webgpu,wasm,webgl] [--variants B0,B1] [--runs 5] [--threads 1,2] [--json] [--no-build]
//
// Builds the app (when dist/ is stale), makes sure the synthetic weights exist, serves dist/ with
// `vite preview` on 127.0.0.1 at a free port, opens the in-app bench view (?view=bench&auto=1…)
// in headless Debian Chromium with SwiftShader WebGPU, waits for window.__benchResults and prints
// a markdown table (or, with --json, only the JSON report on stdout).
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, executablePath } from '../playwright.config.ts';
import { drive } from './lib/bench-drive.ts';
import { BENCH_USAGE, benchQuery, parseBenchArgs, UsageError, type BenchOptions } from './lib/bench-args.ts';
import { checkTargets, toReportMarkdown } from './lib/bench-report.ts';
import { ensureBuild, ensureSynthetic, log, startPreview } from './lib/bench-server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  let o: BenchOptions;
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`bench: ${e.message}\n${BENCH_USAGE}`);
      return 2;
    }
    throw e;
  }
  const t0 = performance.now();
  await ensureBuild(ROOT, o.build);
  await ensureSynthetic(ROOT, o.variants);
  const server = await startPreview(ROOT);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath, headless: !o.headed, args: CHROMIUM_ARGS });
    const url = `${server.url}/${benchQuery(o)}`;
    log(`${browser.version()} → ${url}`);
    const report = await drive(browser, url, o);
    // The target checks travel with the JSON too: one --json run is enough to judge them.
    const json = JSON.stringify({ ...report, targets: checkTargets(report.results) }, null, 2);
    if (o.out) {
      mkdirSync(dirname(resolve(o.out)), { recursive: true });
      writeFileSync(resolve(o.out), json + '\n');
      log(`wrote ${o.out}`);
    }
    if (o.json) process.stdout.write(json + '\n');
    else process.stdout.write(toReportMarkdown(report) + '\n');
    log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return report.errors?.length || !report.results.length ? 1 : 0;
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

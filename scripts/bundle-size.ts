// npm run bundle:size [-- DIST] [--check] — gzip sizes of the built JS: the entry chunk the page
// loads first, the inference worker, and every other chunk. Targets (issue 11): entry ≤ 120 KB,
// worker ≤ 250 KB. With --check (npm test runs it after the build) a size over its target fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const { values: flags, positionals } = parseArgs({ options: { check: { type: 'boolean', default: false } }, allowPositionals: true });
const dist = resolve(positionals[0] ?? 'dist');
const ENTRY_KB = 120;
const WORKER_KB = 250;
const assets = join(dist, 'assets');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = /<script[^>]+src="\/?assets\/([^"]+\.js)"/.exec(html)?.[1];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const rows = readdirSync(assets)
  .filter((f) => f.endsWith('.js'))
  .map((f) => {
    const buf = readFileSync(join(assets, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
for (const r of rows) {
  const tag = r.file === entry ? ' (entry)' : r.file.startsWith('inference.worker') ? ' (inference worker)' : '';
  console.log(`${kb(r.gzip).padStart(10)} gzip ${kb(r.raw).padStart(10)} raw  ${r.file}${tag}`);
}
const entryRow = rows.find((r) => r.file === entry);
const worker = rows.find((r) => r.file.startsWith('inference.worker'));
console.log(
  `entry ${entryRow ? kb(entryRow.gzip) : '?'} (target ≤ ${ENTRY_KB} KB), inference worker ${worker ? kb(worker.gzip) : '?'} (target ≤ ${WORKER_KB} KB)`,
);
if (flags.check) {
  const over = [
    !entryRow || entryRow.gzip > ENTRY_KB * 1024 ? `the entry chunk is over ${ENTRY_KB} KB gz (or not found)` : null,
    !worker || worker.gzip > WORKER_KB * 1024 ? `the inference worker is over ${WORKER_KB} KB gz (or not found)` : null,
  ].filter((m) => m !== null);
  if (over.length) {
    console.error(`bundle size: ${over.join('; ')}`);
    process.exit(1);
  }
}

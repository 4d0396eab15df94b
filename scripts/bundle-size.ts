// npm run bundle:size [-- DIST] — gzip sizes of the built JS: the entry chunk the page loads first,
// the inference worker, and every other chunk. Targets (issue 11): entry ≤ 120 KB, worker ≤ 250 KB.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? 'dist');
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
console.log(`entry ${entryRow ? kb(entryRow.gzip) : '?'} (target ≤ 120 KB), inference worker ${worker ? kb(worker.gzip) : '?'} (target ≤ 250 KB)`);

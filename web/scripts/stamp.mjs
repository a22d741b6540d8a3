// After `vite build`: copy Swagger UI (offline API docs) next to the dashboard and write
// build.json with a hash of the sources, so a test can tell when the committed build is stale.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const web = new URL('..', import.meta.url).pathname;
const out = join(web, '..', 'src', 'newsevents', 'api', 'static');

mkdirSync(join(out, 'swagger'), { recursive: true });
for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']) {
  copyFileSync(join(web, 'node_modules', 'swagger-ui-dist', f), join(out, 'swagger', f));
}

export function sourceFiles(dir = web) {
  const skip = new Set(['node_modules', 'dist']);
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...sourceFiles(p));
    else if (!name.endsWith('.md')) files.push(p);
  }
  return files;
}

const hash = createHash('sha256');
for (const f of sourceFiles()) {
  hash.update(relative(web, f).split('\\').join('/') + '\n');
  hash.update(readFileSync(f));
  hash.update('\n');
}
const info = { sources_sha256: hash.digest('hex'), built_with: { node: process.version } };
writeFileSync(join(out, 'build.json'), JSON.stringify(info, null, 1) + '\n');
console.log(`static/build.json: sources ${info.sources_sha256.slice(0, 12)}`);

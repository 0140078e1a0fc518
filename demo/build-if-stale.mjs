/**
 * `npm start` and `npm run worker` build what the demo needs only when dist/ is missing or older
 * than its sources (or REBUILD is set): a restart with nothing changed serves again in a second or two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './config.mjs';

const built = ['dist/server.js', 'dist/core.js', 'dist/product-customizer.js', 'dist/product-customizer-studio.js'].map((f) => join(ROOT, f));

/** The newest modification time of any file under these paths. */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/** Why dist/ must be built, or ''. NO_REBUILD=1: never (test suites, which build before they start). */
export function staleReason(env = process.env) {
  if (env.REBUILD) return 'REBUILD is set';
  if (env.NO_REBUILD === '1') return '';
  if (!built.every(existsSync)) return 'dist/ is missing';
  const sources = newest(['src', 'rollup.config.mjs', 'scripts/build.mjs', 'package.json', 'tsconfig.json'].map((p) => join(ROOT, p)));
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return sources > oldest ? 'the sources changed since the last build' : '';
}

/** Builds when stale; exits the process when the build fails. */
export function buildIfStale(who) {
  const why = staleReason();
  if (!why) return;
  console.log(`${who}: building (${why})…`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

#!/usr/bin/env node
/**
 * npm test: builds, runs the Node suite (mocha) then the browser suite (web-test-runner in
 * Chromium), and ends with one line "N passed, N failed" over both.
 *
 * Which suite runs what: `*.test.ts` under src/core runs in BOTH Node and Chromium (one source,
 * the results must agree); `*.node.test.ts` and test/node/ run in Node only; `*.browser.test.ts`,
 * test/browser/ and everything under src/element and src/studio run in Chromium only. The Node suite runs first:
 * a browser test compares its output with a file the Node suite writes to test/.out/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test/.out');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;

let passed = 0;
let failed = 0;
let skipped = 0;
const finish = () => {
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
};

if (run('bash', ['scripts/ensure-chromium.sh']) !== 0) {
  failed++;
  finish();
}
if (run(process.execPath, ['scripts/build.mjs']) !== 0) {
  failed++;
  finish();
}

rmSync(out, { recursive: true, force: true });
const suites = [
  {
    name: 'node',
    file: join(out, 'node-summary.json'),
    cmd: bin('mocha'),
    args: ['--import=tsx', '--reporter', './scripts/mocha-summary-reporter.cjs', '--timeout', '20000', '--exit', '--forbid-only',
      'src/**/*.test.ts', 'test/node/**/*.test.ts', '--ignore', 'src/**/*.browser.test.ts', '--ignore', 'src/element/**', '--ignore', 'src/studio/**'],
  },
  { name: 'browser', file: join(out, 'browser-summary.json'), cmd: bin('wtr'), args: ['--config', 'web-test-runner.config.mjs'] },
];
for (const s of suites) {
  console.log(`\n=== ${s.name} suite ===`);
  const status = run(s.cmd, s.args);
  if (!existsSync(s.file)) {
    console.error(`${s.name} suite: no summary (it crashed, exit ${status}); counted as 1 failure`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(s.file, 'utf8'));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  if (status !== 0 && r.failed === 0) {
    console.error(`${s.name} suite exited ${status} with no failed test; counted as 1 failure`);
    failed++;
  }
}
finish();

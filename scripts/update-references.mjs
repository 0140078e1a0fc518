#!/usr/bin/env node
/**
 * Explicit refresh of what the browser suite compares against and of docs/fidelity/. No test writes
 * a tracked file: the Node suite renders the print references into test/.out, the browser suite
 * writes its previews and diffs into test/.out/fidelity/, and this script (run by hand, after a
 * deliberate change to the renderer) copies them where they are tracked:
 *
 *   node scripts/update-references.mjs           Node references → test/browser/references/
 *   node scripts/update-references.mjs --docs    also the browser's last images → docs/fidelity/
 *   node scripts/update-references.mjs --screenshots   only the studio walk-through's last screenshots
 *                                                (test/.out/screenshots, from test/node/studio.e2e.node.test.ts)
 *                                                → docs/screenshots/
 *
 * The browser suite then runs on its own (it reads test/browser/references/, never test/.out).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--screenshots')) {
  const from = join(root, 'test/.out/screenshots');
  const shots = existsSync(from) ? readdirSync(from).filter((f) => /^studio-.*\.png$/.test(f)) : [];
  if (!shots.length) {
    console.error(`${from} has no studio screenshots: run npx mocha --import=tsx --timeout 20000 --exit test/node/studio.e2e.node.test.ts first`);
    process.exit(1);
  }
  for (const f of shots) {
    copyFileSync(join(from, f), join(root, 'docs/screenshots', f));
    console.log(`docs/screenshots/${f}`);
  }
  process.exit(0);
}
const run = spawnSync(join(root, 'node_modules/.bin/mocha'), ['--import=tsx', '--timeout', '120000', '--exit', 'test/node/fidelity.node.test.ts', 'test/node/curve.print.node.test.ts'], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

const refs = join(root, 'test/browser/references');
mkdirSync(refs, { recursive: true });
for (const f of ['fidelity-print.png', 'fidelity-order.json', 'fidelity-blend-order.json', 'fidelity-blend-expected.png', 'curve-print.png', 'curve-order.json']) {
  copyFileSync(join(root, 'test/.out', f), join(refs, f));
  console.log(`test/browser/references/${f}`);
}
if (process.argv.includes('--docs')) {
  copyFileSync(join(root, 'test/.out/fidelity-print.png'), join(root, 'docs/fidelity/print.png'));
  for (const f of ['preview.png', 'diff.png', 'result.json', 'multiply-preview.png', 'multiply-result.json']) {
    const from = join(root, 'test/.out/fidelity', f);
    if (!existsSync(from)) {
      console.error(`${from} is missing: run the browser suite first (npx wtr --config web-test-runner.config.mjs --files test/browser/fidelity.browser.test.ts)`);
      process.exit(1);
    }
    copyFileSync(from, join(root, 'docs/fidelity', f));
    console.log(`docs/fidelity/${f}`);
  }
}

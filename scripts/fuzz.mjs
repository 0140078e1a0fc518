#!/usr/bin/env node
// npm run fuzz: the property tests with 100 000 cases each (FUZZ_RUNS to change, FUZZ_SEED to replay).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const r = spawnSync(join(root, 'node_modules/.bin/mocha'), ['--import=tsx', '--timeout', '0', 'src/core/properties.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' },
});
process.exit(r.status ?? 1);

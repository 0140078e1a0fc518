// Browser suite: real Chromium (Debian's), TypeScript through esbuild, the repo root served.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { summaryFileReporter } from './scripts/wtr-summary-reporter.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Sources import `./x.js` (what Node ESM and bundlers want); the dev server serves `./x.ts`. */
const jsToTs = {
  name: 'js-to-ts',
  resolveImport({ source, context }) {
    if (!source.startsWith('.') || !source.endsWith('.js')) return undefined;
    const from = new URL(context.path, 'http://x/');
    const target = new URL(source, from);
    const ts = target.pathname.replace(/\.js$/, '.ts');
    if (existsSync(root + ts.slice(1)) && !existsSync(root + target.pathname.slice(1))) return source.replace(/\.js$/, '.ts');
    return undefined;
  },
};

export default {
  rootDir: '.',
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts', '!src/**/*.node.test.ts', '!src/cli/**', '!src/server/**', '!test/node/**'],
  nodeResolve: { exportConditions: ['browser'] },
  // msw's worker must sit at the root to control the test page (a worker's scope is its folder).
  middleware: [
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') ctx.path = '/test/msw/mockServiceWorker.js';
      return next();
    },
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000, forbidOnly: true } },
  plugins: [jsToTs, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), summaryFileReporter('test/.out/browser-summary.json')],
};

#!/usr/bin/env node
/**
 * Keystroke measures in Chromium (bench/keystroke.html), alone: `node bench/keystroke.mjs [keys]`
 * (DIST=/other/dist to measure another build). `npm run bench` runs the same page. Needs a build
 * (dist/product-customizer.js, dist/bench/bench-browser.js).
 *   - keystroke → the layer has drawn the text (the element vs a bare Konva stage), and
 *   - as a shopper types: an `input` event into the element's text box → the frame after the one
 *     that drew it (the drawn frame is on screen), vs a bare Konva stage whose own text box's
 *     `input` event updates a Text the same way. Goal ≤ 1.3 ×.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** → { drawn: { ours, bare }, typed: { ours, bare, oursFrames, bareFrames, … } } or { skipped } */
export async function measureKeystrokes({ keys = 40 } = {}) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const dist = process.env.DIST ?? join(root, 'dist');
  for (const f of ['product-customizer.js', 'bench/bench-browser.js']) {
    if (!existsSync(join(dist, f))) return { skipped: `no ${join(dist, f)} (node scripts/build.mjs)` };
  }
  const { chromium } = await import('playwright-core');
  // The storefront bench's static server: /bench, /examples, and /dist from DIST (another build, to compare).
  const srv = spawn(process.execPath, ['bench/storefront/server.mjs'], { cwd: root, env: { ...process.env, PORT: '0', DIST: dist } });
  const url = await new Promise((resolve, reject) => {
    srv.stdout.on('data', (d) => {
      const m = /http:\/\/\S+/.exec(String(d));
      if (m) resolve(m[0]);
    });
    srv.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => console.error('keystroke page:', e));
    await page.goto(`${url}bench/keystroke.html`);
    const load = [loadavg()[0]];
    const drawn = await page.evaluate((n) => window.benchKeystrokes(n), keys);
    const typed = await page.evaluate((n) => window.benchTyping(n), keys);
    load.push(loadavg()[0]);
    return { drawn, typed, load };
  } finally {
    await browser.close();
    srv.kill();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await measureKeystrokes({ keys: Number(process.argv[2] ?? 40) });
  if (r.skipped) console.log(`keystroke: skipped, ${r.skipped}`);
  else {
    const { drawn, typed } = r;
    console.log(`keystroke → layer drawn:        ours ${drawn.ours.toFixed(2)} ms, bare Konva ${drawn.bare.toFixed(2)} ms, ${(drawn.ours / drawn.bare).toFixed(2)} ×`);
    console.log(`as a shopper types → painted:   ours ${typed.ours.toFixed(1)} ms (${typed.oursFrames} frames; ${typed.oursSpread.map((x) => x.toFixed(0)).join('–')}), bare Konva ${typed.bare.toFixed(1)} ms (${typed.bareFrames} frames; ${typed.bareSpread.map((x) => x.toFixed(0)).join('–')}), ${(typed.ours / typed.bare).toFixed(2)} × (goal ≤ 1.3 ×)`);
    console.log(`load average ${r.load.map((x) => x.toFixed(2)).join(' → ')}`);
  }
}

#!/usr/bin/env node
/**
 * The storefront's own speed with and without <product-customizer> (issue 17): Lighthouse 12.2.3,
 * mobile, simulated throttling, against our Dawn-like product page (bench/storefront/) served by a
 * local static server, in Debian's Chromium. Runs alternate between the two variants; the median of
 * RUNS per variant is reported as differences next to the goals (≤ 5 points lost, first paint
 * unchanged, TBT ≤ +50 ms, CLS 0).
 *
 *   node bench/storefront.mjs            alone (prints its own table)
 *   npm run bench                        as part of the bench (measureStorefront() is called)
 *   STOREFRONT_RUNS=5 CHROMIUM_PATH=… DIST=/other/dist node bench/storefront.mjs
 *   STOREFRONT_OUT=/tmp/lhr node bench/storefront.mjs   also keeps each run's Lighthouse JSON there
 *   node bench/storefront.mjs --variants with,async,idle   also the other ways a shop may include the
 *     script (bench/storefront/with-<name>.html), each against the same page without the element
 * Skips (prints why, returns no rows) when Chromium is absent.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VARIANTS } from './storefront/variants.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * The page without the element, and the pages with it: `with` (the script as a module in <head>,
 * what a shop writes by default) and, on request (--variants async,idle), other ways a shop may
 * include it: bench/storefront/with-<name>.html.
 */
const WITHOUT = 'bench/storefront/index.html';
const pageOf = (variant) => (variant === 'without' ? WITHOUT : variant === 'with' ? 'bench/storefront/with-element.html' : `bench/storefront/with-${variant}.html`);

/** Every variant asked for exists (the server makes each page from index.html, so they differ only in the marked blocks). */
export function checkVariants(variants = ['with']) {
  for (const v of variants) {
    const name = v === 'with' ? 'element' : v;
    if (!Object.hasOwn(VARIANTS, name)) throw new Error(`no storefront variant "${v}" (bench/storefront/variants.mjs: ${Object.keys(VARIANTS).join(', ')})`);
    if (!VARIANTS[name].element.includes('<product-customizer')) throw new Error(`variant ${v} has no <product-customizer>`);
  }
}

function startServer() {
  const srv = spawn(process.execPath, [join(root, 'bench/storefront/server.mjs')], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    srv.stdout.on('data', (d) => {
      const m = /storefront: (http:\/\/\S+)/.exec(String(d));
      if (m) resolve({ url: m[1], stop: () => srv.kill() });
    });
    srv.on('exit', (c) => reject(new Error(`storefront server exited ${c}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const AUDITS = { fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time', cls: 'cumulative-layout-shift', si: 'speed-index' };

/** One Lighthouse run's figures (score in points, times in ms). */
function figures(lhr) {
  const out = { score: Math.round(lhr.categories.performance.score * 100) };
  for (const [k, id] of Object.entries(AUDITS)) out[k] = lhr.audits[id].numericValue;
  return out;
}

/**
 * Runs Lighthouse `runs` times per variant (alternating) and returns { rows, runs, load } or
 * { skipped } with the reason.
 */
export async function measureStorefront({ runs = Number(process.env.STOREFRONT_RUNS ?? 3), variants = ['with'], log = console.log } = {}) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (bash scripts/ensure-chromium.sh, or set CHROMIUM_PATH)` };
  const dist = process.env.DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'product-customizer.js'))) return { skipped: `no ${join(dist, 'product-customizer.js')} (node scripts/build.mjs)` };
  checkVariants(variants);
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const outDir = process.env.STOREFRONT_OUT;
  if (outDir) mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const load = [loadavg()[0]];
  const all = ['without', ...variants];
  const results = Object.fromEntries(all.map((v) => [v, []]));
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate the order so a burst of load on the shared machine does not fall on one variant.
      for (const variant of i % 2 ? [...all].reverse() : all) {
        const url = `${server.url}${pageOf(variant)}`;
        const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        if (!r?.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
        if (r.lhr.runtimeError) throw new Error(`Lighthouse: ${r.lhr.runtimeError.code} ${r.lhr.runtimeError.message} (${url})`);
        const f = figures(r.lhr);
        results[variant].push({ ...f, lhr: r.lhr });
        if (outDir) writeFileSync(join(outDir, `${variant}-${i}.json`), r.report);
        log(`  storefront ${variant.padEnd(7)} run ${i + 1}/${runs}: score ${f.score}, FCP ${f.fcp.toFixed(0)} ms, LCP ${f.lcp.toFixed(0)} ms, TBT ${f.tbt.toFixed(0)} ms, CLS ${f.cls.toFixed(3)}`);
      }
      load.push(loadavg()[0]);
    }
  } finally {
    await chrome.kill();
    server.stop();
  }
  const med = (variant, k) => median(results[variant].map((r) => r[k]));
  const spread = (variant, k) => {
    const xs = results[variant].map((r) => r[k]);
    return `${Math.min(...xs).toFixed(k === 'cls' ? 3 : 0)}–${Math.max(...xs).toFixed(k === 'cls' ? 3 : 0)}`;
  };
  const m = {};
  for (const v of all) m[v] = Object.fromEntries(['score', ...Object.keys(AUDITS)].map((k) => [k, med(v, k)]));
  const n = `median of ${runs}`;
  const rows = [];
  for (const v of variants) {
    // Which snippet the page holds: README's shop-developer guide gives the loader's.
    const tag = v === 'with' ? ' [plain drop-in script in <head>]' : v === 'loader' ? " [README's snippet: the loader]" : ` [${pageOf(v).replace('bench/storefront/', '')}]`;
    const lost = m.without.score - m[v].score;
    const dFcp = m[v].fcp - m.without.fcp;
    const dLcp = m[v].lcp - m.without.lcp;
    const dTbt = m[v].tbt - m.without.tbt;
    const cls = Math.max(...results[v].map((r) => r.cls));
    const sign = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(0)}`;
    rows.push(
      { name: `storefront${tag}: Lighthouse performance points lost (mobile, ${n})`, value: String(lost), unit: 'points', baseline: `without ${m.without.score} (${spread('without', 'score')}), with ${m[v].score} (${spread(v, 'score')})`, ratio: undefined, goal: '≤ 5 points', ok: lost <= 5 ? 'yes' : 'no' },
      // "Unchanged": within one simulated round trip (Lantern's mobile RTT is 150 ms).
      { name: `storefront${tag}: first contentful paint, with − without`, value: sign(dFcp), unit: 'ms', baseline: `without ${m.without.fcp.toFixed(0)} ms (${spread('without', 'fcp')}), with ${m[v].fcp.toFixed(0)} ms (${spread(v, 'fcp')})`, ratio: m[v].fcp / m.without.fcp, goal: 'unchanged (≤ +150 ms)', ok: dFcp <= 150 ? 'yes' : 'no' },
      { name: `storefront${tag}: largest contentful paint, with − without`, value: sign(dLcp), unit: 'ms', baseline: `without ${m.without.lcp.toFixed(0)} ms (${spread('without', 'lcp')}), with ${m[v].lcp.toFixed(0)} ms (${spread(v, 'lcp')})`, ratio: m[v].lcp / m.without.lcp, goal: '', ok: '' },
      { name: `storefront${tag}: total blocking time, with − without`, value: sign(dTbt), unit: 'ms', baseline: `without ${m.without.tbt.toFixed(0)} ms (${spread('without', 'tbt')}), with ${m[v].tbt.toFixed(0)} ms (${spread(v, 'tbt')})`, ratio: undefined, goal: '≤ +50 ms', ok: dTbt <= 50 ? 'yes' : 'no' },
      { name: `storefront${tag}: cumulative layout shift with the element (worst run)`, value: cls.toFixed(3), unit: '', baseline: `without ${Math.max(...results.without.map((r) => r.cls)).toFixed(3)}`, ratio: undefined, goal: '0', ok: cls === 0 ? 'yes' : 'no' },
    );
  }
  const loadNote = `load average ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)} (${load.length} samples, 2 cores)`;
  return { rows, medians: m, results, load: loadNote };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const i = process.argv.indexOf('--variants');
  const variants = i > 0 ? process.argv[i + 1].split(',') : ['with'];
  const r = await measureStorefront({ variants });
  if (r.skipped) {
    console.log(`storefront: skipped, ${r.skipped}`);
  } else {
    const table = [['measure', 'value', 'baseline (same run)', 'goal', 'met'], ...r.rows.map((x) => [x.name, `${x.value} ${x.unit}`.trim(), x.baseline, x.goal, x.ok])];
    const widths = table[0].map((_, i) => Math.max(...table.map((t) => String(t[i]).length)));
    for (const t of table) console.log(t.map((c, i) => String(c).padEnd(widths[i])).join('  '));
    console.log(`\n${r.load}; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}

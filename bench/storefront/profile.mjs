#!/usr/bin/env node
/**
 * Where the storefront's time goes with <product-customizer> (issue 17): loads
 * bench/storefront/with-element.html in Debian's Chromium (mobile viewport, CPU slowed like
 * Lighthouse's mobile preset), samples the main thread with the DevTools profiler, maps every sample
 * of the drop-in back to its source file through a source map, and prints
 *   - the page's milestones (first paint, LCP, the element defined, loaded, its preview drawn),
 *   - long tasks and layout shifts (with the shifted nodes),
 *   - main-thread time by package (konva, lit, zod, our core / element / render, GC, the page),
 *   - the functions of ours with the most inclusive time, and the drop-in's top-level evaluation.
 *
 *   node bench/storefront/profile.mjs                  builds a source-mapped drop-in of the work tree first
 *   node bench/storefront/profile.mjs --dist DIR       uses DIR/product-customizer.js(.map) as built
 *   --runs N (default 3: medians)   --throttle X (default 4, as Lighthouse mobile)   --json FILE
 *   --page bench/storefront/index.html (the page without the element)   --desktop (1350 × 940)
 *   --tree NAME   also print the call tree under the functions whose name contains NAME
 * Figures are this machine's (2 shared cores): compare runs made at the same time, not across days.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg('runs', 3));
const THROTTLE = Number(arg('throttle', 4));
const PAGE = arg('page', 'bench/storefront/with-element.html');
/** --desktop: Lighthouse's desktop screen (1350 × 940, DPR 1), where the product form is above the fold. */
const DESKTOP = process.argv.includes('--desktop');
const SCREEN = DESKTOP ? { viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1 } : { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

// ---- a source-mapped drop-in --------------------------------------------------------------------
async function buildMapped() {
  const out = mkdtempSync(join(tmpdir(), 'pc-profile-'));
  const { rollup } = await import('rollup');
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const { default: configs } = await import(join(root, 'rollup.config.mjs'));
    const entry = configs.find((c) => c.input === 'src/dropin.ts');
    if (!entry) throw new Error('rollup.config.mjs has no src/dropin.ts entry');
    const bundle = await rollup({ ...entry, onwarn: () => {} });
    await bundle.write({ ...entry.output, file: join(out, 'product-customizer.js'), sourcemap: true });
    await bundle.close();
  } finally {
    process.chdir(cwd);
  }
  return out;
}

// ---- source maps (VLQ, no dependency) -----------------------------------------------------------
const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
function decodeVlq(s) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const d = B64[ch];
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
/** line (0-based) → sorted [generatedColumn, sourceIndex, originalLine, nameIndex?][] */
function parseMap(map) {
  const lines = [];
  let src = 0;
  let oLine = 0;
  let oCol = 0;
  let name = 0;
  for (const line of map.mappings.split(';')) {
    const segs = [];
    let gCol = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      gCol += v[0];
      if (v.length >= 4) {
        src += v[1];
        oLine += v[2];
        oCol += v[3];
        if (v.length >= 5) name += v[4];
        segs.push([gCol, src, oLine, v.length >= 5 ? name : -1]);
      }
    }
    lines.push(segs);
  }
  return lines;
}
function lookup(lines, line, col) {
  const segs = lines[line];
  if (!segs?.length) return undefined;
  let lo = 0;
  let hi = segs.length - 1;
  let best;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid][0] <= col) {
      best = segs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best ?? segs[0];
}

function category(source) {
  if (!source) return 'drop-in (unmapped)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (m) return m[1].startsWith('@lit') || m[1] === 'lit' || m[1].startsWith('lit-') ? 'lit' : m[1];
  const s = /src\/([^/]+)\/(?:([^/]+)\/)?/.exec(source);
  if (s) return s[1] === 'render' || s[1] === 'element' ? `src/${s[1]}/${s[2] && !s[2].includes('.') ? s[2] : ''}`.replace(/\/$/, '') : `src/${s[1]}`;
  return source;
}

// ---- the page -----------------------------------------------------------------------------------
/** Runs in the page before its scripts: records milestones, long tasks, shifts and LCP. */
function recorder() {
  const rec = (window.__pc = { marks: {}, longtasks: [], shifts: [], lcp: [], paints: [] });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ...rest) => {
    if (name === 'product-customizer') rec.marks.defined = performance.now();
    return define(name, ...rest);
  };
  for (const type of ['customizer-load', 'customization-change', 'customizer-error']) {
    document.addEventListener(type, (e) => {
      rec.marks[type] ??= performance.now();
      if (type === 'customizer-error') rec.error = e.detail;
    }, true);
  }
  const describe = (n) => {
    if (!n) return '(gone)';
    if (n.nodeType !== 1) return n.nodeName;
    const host = n.getRootNode?.()?.host;
    return `${host ? `${host.localName} >>> ` : ''}${n.localName}${n.id ? `#${n.id}` : ''}${n.className && typeof n.className === 'string' ? `.${n.className.trim().split(/\s+/).join('.')}` : ''}`;
  };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) rec.longtasks.push({ start: e.startTime, duration: e.duration, attribution: e.attribution?.map((a) => a.containerSrc || a.name).join(',') });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      rec.shifts.push({ at: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput, sources: (e.sources ?? []).map((s) => ({ node: describe(s.node), from: s.previousRect && [s.previousRect.y, s.previousRect.height], to: s.currentRect && [s.currentRect.y, s.currentRect.height] })) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) rec.lcp.push({ at: e.startTime, size: e.size, node: describe(e.element), url: e.url });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) rec.paints.push({ name: e.name, at: e.startTime });
  }).observe({ type: 'paint', buffered: true });
}

function startServer(dist) {
  const srv = spawn(process.execPath, [join(root, 'bench/storefront/server.mjs')], { cwd: root, env: { ...process.env, PORT: '0', DIST: dist }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    srv.stdout.on('data', (d) => {
      const m = /storefront: (http:\/\/\S+)/.exec(String(d));
      if (m) resolve({ url: m[1], stop: () => srv.kill() });
    });
    srv.on('exit', (c) => reject(new Error(`storefront server exited ${c}`)));
  });
}

const TOP_LEVEL = 'drop-in top-level evaluation';

/**
 * --tree NAME: the call tree under every frame whose name contains NAME (merged by name, inclusive
 * ms, 4 levels), to see what a heavy function spends its time on.
 */
function treeUnder(profile, keyOf, match, depth = 4) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  const inclMs = new Map();
  const incl = (id) => {
    if (inclMs.has(id)) return inclMs.get(id);
    const n = byId.get(id);
    const v = (selfMs.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + incl(c), 0);
    inclMs.set(id, v);
    return v;
  };
  const merged = { name: match, ms: 0, kids: new Map() };
  const addInto = (into, id, d) => {
    for (const c of byId.get(id).children ?? []) {
      const name = keyOf(byId.get(c)).fn;
      let k = into.kids.get(name);
      if (!k) into.kids.set(name, (k = { name, ms: 0, kids: new Map() }));
      k.ms += incl(c);
      if (d > 1) addInto(k, c, d - 1);
    }
  };
  const visit = (id, inside) => {
    const n = byId.get(id);
    const hit = !inside && keyOf(n).fn.includes(match);
    if (hit) {
      merged.ms += incl(id);
      addInto(merged, id, depth);
    }
    for (const c of n.children ?? []) visit(c, inside || hit);
  };
  visit(profile.nodes[0].id, false);
  const lines = [`${merged.ms.toFixed(0).padStart(6)}  ${match}`];
  const print = (node, indent) => {
    for (const k of [...node.kids.values()].sort((a, b) => b.ms - a.ms)) {
      if (k.ms < 2) continue;
      lines.push(`${k.ms.toFixed(0).padStart(6)}  ${'  '.repeat(indent)}${k.name}`);
      print(k, indent + 1);
    }
  };
  print(merged, 1);
  return lines.join('\n');
}
/** Self and inclusive time (ms) per key, from a CDP profile; `keyOf(node)` names a frame. */
function aggregate(profile, keyOf) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  /** Self time by package inside the drop-in's top-level evaluation (what importing it costs). */
  const topLevel = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  const stackKeys = new Map();
  const keysFor = (id) => {
    if (stackKeys.has(id)) return stackKeys.get(id);
    const keys = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) keys.add(keyOf(byId.get(cur)).fn);
    stackKeys.set(id, keys);
    return keys;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const k = keyOf(byId.get(id));
    add(self, k.cat, dt);
    const keys = keysFor(id);
    for (const fn of keys) add(incl, fn, dt);
    if (keys.has(TOP_LEVEL)) add(topLevel, k.cat, dt);
  }
  return { self, incl, topLevel };
}

/**
 * Phase "load": navigation until the element has loaded and the page has been quiet for
 * SETTLE ms (or the preview is complete, if that comes first: an element that draws during load).
 * Phase "scroll": the shopper scrolls the element into view, until `previewComplete`
 * (an element that defers its preview until visible pays it here, not during load).
 */
const SETTLE = Number(arg('settle', 3000));
async function run(page, cdp, url) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  const hasElement = await page.evaluate(async (settle) => {
    const el = document.querySelector('product-customizer');
    if (el) {
      await customElements.whenDefined('product-customizer');
      if (!el.evaluation && !window.__pc.error) await new Promise((r) => el.addEventListener('customizer-load', r, { once: true }));
      const drawn = el.previewComplete.then(() => (window.__pc.marks.previewComplete ??= performance.now()));
      await Promise.race([drawn, new Promise((r) => setTimeout(r, settle))]);
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return !!el;
  }, SETTLE);
  const { profile } = await cdp.send('Profiler.stop');
  let scrollProfile;
  if (hasElement) {
    await cdp.send('Profiler.start');
    await page.evaluate(async () => {
      const el = document.querySelector('product-customizer');
      window.__pc.marks.scrolled = performance.now();
      el.scrollIntoView({ block: 'start' });
      await el.previewComplete;
      window.__pc.marks.previewComplete ??= performance.now();
      window.__pc.marks.previewAfterScroll = performance.now() - window.__pc.marks.scrolled;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    scrollProfile = (await cdp.send('Profiler.stop')).profile;
  }
  await cdp.send('Profiler.disable');
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => ({ url: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd, bytes: r.transferSize }));
    return { ...window.__pc, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, res };
  });
  return { marks, profile, scrollProfile };
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');

export async function profileStorefront() {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const dist = arg('dist') ?? (await buildMapped());
  const mapFile = join(dist, 'product-customizer.js.map');
  const map = existsSync(mapFile) ? JSON.parse(readFileSync(mapFile, 'utf8')) : undefined;
  const lines = map && parseMap(map);
  const keyCache = new Map();
  const keyOf = (node) => {
    const f = node.callFrame;
    const ck = `${f.url}:${f.lineNumber}:${f.columnNumber}:${f.functionName}`;
    if (keyCache.has(ck)) return keyCache.get(ck);
    let k;
    if (!f.url) k = { cat: f.functionName || '(root)', fn: f.functionName || '(root)' };
    else if (f.url.endsWith('/dist/product-customizer.js')) {
      const seg = lines && lookup(lines, f.lineNumber, f.columnNumber);
      const source = seg && relative(root, join(dist, map.sources[seg[1]])).replace(/^(\.\.\/)+/, '');
      const name = seg && seg[3] >= 0 ? map.names[seg[3]] : f.functionName || '(anonymous)';
      k = { cat: category(source), fn: f.lineNumber === 0 && f.columnNumber === 0 ? TOP_LEVEL : `${name} (${source}:${seg ? seg[2] + 1 : '?'})` };
    } else k = { cat: `page: ${f.url.replace(/^https?:\/\/[^/]+/, '')}`, fn: `${f.functionName || '(anonymous)'} (${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1})` };
    keyCache.set(ck, k);
    return k;
  };

  const { chromium } = await import('playwright-core');
  const server = await startServer(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const load = [loadavg()[0]];
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext(SCREEN);
      await context.addInitScript(recorder);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const r = await run(page, cdp, `${server.url}${PAGE}`);
      const scroll = r.scrollProfile ? aggregate(r.scrollProfile, keyOf) : undefined;
      runs.push({ ...r, ...aggregate(r.profile, keyOf), scrollSelf: scroll?.self, scrollIncl: scroll?.incl });
      if (arg('tree')) {
        for (const [phase, prof] of [['load', r.profile], ['scroll', r.scrollProfile]]) {
          if (prof) console.log(`run ${i + 1}, ${phase} phase, under "${arg('tree')}":\n${treeUnder(prof, keyOf, arg('tree'))}\n`);
        }
      }
      await context.close();
      load.push(loadavg()[0]);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return { dist, runs, load };
}

function report({ runs, load }) {
  const out = [];
  const say = (s = '') => out.push(s);
  const mk = (f) => median(runs.map((r) => f(r.marks)).filter((x) => x !== undefined));
  say(`${PAGE}, CPU ×${THROTTLE}, ${DESKTOP ? 'desktop viewport 1350 × 940' : 'mobile viewport 412 × 823 at DPR 1.75'}, ${runs.length} runs (medians; each figure's spread in brackets); load average ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}`);
  const spread = (f) => {
    const xs = runs.map((r) => f(r.marks)).filter((x) => Number.isFinite(x));
    return xs.length ? `${ms(median(xs))} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]` : '—';
  };
  say('\nmilestones (ms after navigation start):');
  say(`  first contentful paint       ${spread((m) => m.paints.find((p) => p.name === 'first-contentful-paint')?.at)}`);
  say(`  DOMContentLoaded end         ${spread((m) => m.dcl)}`);
  say(`  product-customizer defined   ${spread((m) => m.marks.defined)}`);
  say(`  customizer-load              ${spread((m) => m.marks['customizer-load'])}`);
  say(`  load event end               ${spread((m) => m.load)}`);
  say(`  previewComplete              ${spread((m) => m.marks.previewComplete)}  (during load in ${runs.filter((r) => r.marks.marks.previewComplete < (r.marks.marks.scrolled ?? Infinity)).length}/${runs.length} runs; else after the scroll)`);
  say(`  preview drawn after scrolling to the element: ${spread((m) => (m.marks.previewComplete < (m.marks.scrolled ?? Infinity) ? 0 : m.marks.previewAfterScroll))}`);
  say(`  largest contentful paint     ${spread((m) => m.lcp.at(-1)?.at)}  element: ${[...new Set(runs.map((r) => r.marks.lcp.at(-1)?.node))].join(' | ')}`);
  const last = runs[Math.floor(runs.length / 2)].marks;
  say('\nlong tasks (median run), start + duration:');
  for (const t of last.longtasks) say(`  ${t.start.toFixed(0).padStart(6)} + ${t.duration.toFixed(0)} ms${t.start >= (last.marks.scrolled ?? Infinity) ? '  (after the scroll)' : ''}`);
  const tbt = (m, after) => {
    const fcp = m.paints.find((p) => p.name === 'first-contentful-paint')?.at ?? 0;
    const scrolled = m.marks.scrolled ?? Infinity;
    return m.longtasks.filter((t) => t.start >= fcp && (after ? t.start >= scrolled : t.start < scrolled)).reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
  };
  say(`  blocking time during load, after FCP (Σ duration − 50 ms): ${spread((m) => tbt(m, false))}`);
  say(`  blocking time after scrolling to the element: ${spread((m) => tbt(m, true))}`);
  say('\nlayout shifts (all runs):');
  const shifts = runs.flatMap((r) => r.marks.shifts);
  if (!shifts.length) say('  none');
  for (const s of shifts) say(`  at ${s.at.toFixed(0)} ms, ${s.value.toFixed(4)}: ${s.sources.map((x) => `${x.node} y/h ${x.from} → ${x.to}`).join('; ')}`);
  say('\nresources (median run): start → end, transfer');
  for (const r of last.res) say(`  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)}  ${(r.bytes / 1024).toFixed(0).padStart(4)} KB  ${r.url}`);
  const cats = new Set(runs.flatMap((r) => [...r.self.keys()]));
  const selfRows = [...cats].map((c) => [c, median(runs.map((r) => r.self.get(c) ?? 0))]).filter(([c]) => c !== '(idle)').sort((a, b) => b[1] - a[1]);
  say('\nmain-thread self time by package, during load (ms, CPU-throttled):');
  for (const [c, v] of selfRows) if (v >= 1) say(`  ${v.toFixed(0).padStart(6)}  ${c}`);
  const tl = new Set(runs.flatMap((r) => [...r.topLevel.keys()]));
  say(`\nthe drop-in's top-level evaluation (importing it), ${ms(median(runs.map((r) => r.incl.get(TOP_LEVEL) ?? 0)))}, by package (self time):`);
  for (const [c, v] of [...tl].map((c) => [c, median(runs.map((r) => r.topLevel.get(c) ?? 0))]).sort((a, b) => b[1] - a[1])) if (v >= 1) say(`  ${v.toFixed(0).padStart(6)}  ${c}`);
  const fns = new Set(runs.flatMap((r) => [...r.incl.keys()]));
  const inclRows = [...fns].filter((f) => !/^\((root|program|idle|garbage collector)\)$/.test(f)).map((f) => [f, median(runs.map((r) => r.incl.get(f) ?? 0))]).sort((a, b) => b[1] - a[1]);
  say('\ninclusive time of the heaviest functions (ms, CPU-throttled; nested, so they overlap):');
  for (const [f, v] of inclRows.slice(0, Number(arg('top', 40)))) say(`  ${v.toFixed(0).padStart(6)}  ${f}`);
  if (runs.every((r) => r.scrollSelf)) {
    const sc = new Set(runs.flatMap((r) => [...r.scrollSelf.keys()]));
    say('\nafter scrolling to the element, until previewComplete: self time by package (ms, CPU-throttled):');
    for (const [c, v] of [...sc].map((c) => [c, median(runs.map((r) => r.scrollSelf.get(c) ?? 0))]).filter(([c]) => c !== '(idle)').sort((a, b) => b[1] - a[1])) if (v >= 1) say(`  ${v.toFixed(0).padStart(6)}  ${c}`);
    const sf = new Set(runs.flatMap((r) => [...r.scrollIncl.keys()]));
    say('\nafter scrolling: heaviest functions (inclusive, ms):');
    const rowsS = [...sf].filter((f) => !/^\((root|program|idle|garbage collector)\)$/.test(f)).map((f) => [f, median(runs.map((r) => r.scrollIncl.get(f) ?? 0))]).sort((a, b) => b[1] - a[1]);
    for (const [f, v] of rowsS.slice(0, Number(arg('top', 40)))) say(`  ${v.toFixed(0).padStart(6)}  ${f}`);
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await profileStorefront();
  if (r.skipped) console.log(`storefront profile: skipped, ${r.skipped}`);
  else {
    console.log(report(r));
    const json = arg('json');
    if (json) writeFileSync(json, JSON.stringify(r.runs.map((x) => ({ marks: x.marks, self: Object.fromEntries(x.self), incl: Object.fromEntries(x.incl) })), null, 1));
  }
}

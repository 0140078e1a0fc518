/**
 * The core's speed against references measured in the same run (issue #17): `evaluate` against
 * json-logic-js applying the same rules to the same data, its growth from 10 to 1000 components,
 * and `parseProduct` against `structuredClone` of the same product.
 *
 * The machine is shared and noisy, so each figure pairs ours and the reference back to back, counts
 * the CPU time this process spent (process.cpuUsage: time spent waiting for a core shared with other
 * work is not ours), and takes the median of the per-pair ratios (a burst of cache or memory
 * contention slows both halves of a pair alike).
 *
 * Run alone: `node bench/core.mjs` (after `node scripts/build.mjs`); `npm run bench` runs it too.
 * `node bench/core.mjs --only parse` (or `--only evaluate`) runs one part.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** CPU time of this process so far, in ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** `ours` and `theirs` timed back to back `runs` times (`inner` calls each): medians and the median ratio. */
export function paired(ours, theirs, { inner = 1, runs = 15 } = {}) {
  for (let i = 0; i < inner; i++) (ours(), theirs());
  const a = [];
  const b = [];
  const r = [];
  for (let k = 0; k < runs; k++) {
    let t0 = cpu();
    for (let i = 0; i < inner; i++) ours();
    const x = (cpu() - t0) / inner;
    t0 = cpu();
    for (let i = 0; i < inner; i++) theirs();
    const y = (cpu() - t0) / inner;
    a.push(x);
    b.push(y);
    r.push(x / y);
  }
  return { ours: median(a), theirs: median(b), ratio: median(r) };
}

/**
 * A product of `n` components (choices, texts with a pattern, toggles) and n / 2 rules of four kinds:
 * restrict a later choice, price a combination, hide a toggle (these fire, so the rules run a
 * second round without the hidden toggles) and require a text when another is long.
 */
export function generate(n) {
  const components = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) components.push({ id: `c${i}`, type: 'choice', label: `Choice ${i}`, default: 'o0', options: [0, 1, 2, 3, 4].map((k) => ({ value: `o${k}`, label: `Option ${k}`, price: k * 10 })) });
    else if (i % 3 === 1) components.push({ id: `c${i}`, type: 'text', label: `Text ${i}`, area: 'v.a', maxLength: 30, pattern: '^[\\p{L} ]*$' });
    else components.push({ id: `c${i}`, type: 'toggle', label: `Toggle ${i}`, price: 100 });
  }
  const rules = [];
  for (let k = 0; rules.length < Math.floor(n / 2); k++) {
    const i = 3 * ((k >> 1) % Math.floor(n / 3)); // a choice; i + 1 a text, i + 2 a toggle, i + 3 the next choice
    const c = (j) => `c${(i + j) % n}`;
    switch (k % 4) {
      case 0:
        rules.push({ id: `restrict${k}`, when: { '==': [{ var: c(0) }, 'o1'] }, then: { restrict: { [c(3)]: ['o0', 'o1', 'o2'] } } });
        break;
      case 1:
        rules.push({ id: `combo${k}`, when: { and: [{ var: c(2) }, { '>': [{ var: `${c(1)}.length` }, 3] }] }, then: { price: { amount: 50, label: 'Combo' } } });
        break;
      case 2:
        rules.push({ id: `hide${k}`, when: { or: [{ in: [{ var: c(0) }, ['o1', 'o4']] }, { '!': { var: c(2) } }] }, then: { hide: [c(5)] } });
        break;
      default:
        rules.push({ id: `require${k}`, when: { '>=': [{ var: `${c(1)}.length` }, 20] }, then: { require: [c(4)] } });
    }
  }
  const product = {
    schemaVersion: 1, id: `gen-${n}`, revision: '1', name: 'Generated', currency: 'USD', basePrice: 1000,
    views: [{ id: 'v', label: 'V', width: 100, height: 100, layers: [], areas: [{ id: 'a', x: 0, y: 0, width: 100, height: 100, print: { width: 4, height: 4, unit: 'in', dpi: 300 } }] }],
    components, rules,
  };
  const selections = {};
  for (const x of components) selections[x.id] = x.type === 'choice' ? 'o1' : x.type === 'text' ? 'Hello there' : true;
  return { product, selections };
}

/**
 * Rows for bench/run.mjs's table: `row(name, value, unit, baseline, ratio, goal, ok)`.
 * `core` is dist/core.js, `internals` dist/bench/bench-internals.js; `only` ('evaluate' or 'parse') runs one part.
 */
export function benchCore(core, internals, row, { only } = {}) {
  if (only !== 'parse') benchEvaluate(core, internals, row);
  if (only !== 'evaluate') benchParse(core, row);
}

function benchEvaluate(core, internals, row) {
  const jsonLogic = require(join(root, 'node_modules/json-logic-js/logic.js'));
  const evalTimes = {};
  const evalOf = {};
  for (const n of [10, 100, 1000]) {
    const { product, selections } = generate(n);
    const parsed = core.parseProduct(product);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
    const p = parsed.product;
    // The data json-logic-js gets is the data our rules saw in their last round (hidden toggles absent).
    const ev = core.evaluate(p, selections);
    if (ev.issues.some((i) => i.code === 'rule')) throw new Error('the generated rules contradict each other');
    const data = {};
    for (const [id, s] of Object.entries(ev.components)) if (s.visible) data[id] = s.value;
    // The same rules give the same answers, or the comparison means nothing.
    for (const r of p.rules) {
      if (jsonLogic.truthy(jsonLogic.apply(r.when, data)) !== jsonLogic.truthy(internals.applyLogic(r.when, data)))
        throw new Error(`rule ${r.id}: json-logic-js and ours disagree`);
    }
    const theirs = () => {
      for (const r of p.rules) jsonLogic.truthy(jsonLogic.apply(r.when, data));
    };
    const inner = Math.max(10, Math.round(100_000 / n));
    const same = paired(() => core.evaluate(p, selections), theirs, { inner });
    evalTimes[n] = same.ours;
    evalOf[n] = () => core.evaluate(p, selections);
    row(`evaluate, ${n} components + ${p.rules.length} rules`, (same.ours * 1000).toFixed(1), 'µs', `json-logic-js, same rules and data ${(same.theirs * 1000).toFixed(1)} µs`, same.ratio, '≤ 3 ×', same.ratio <= 3 ? 'yes' : 'no');
    // As a shopper types: every call sees one text changed to a text not seen before (as a keystroke
    // makes: no cache keyed by the text may answer), 12 to 15 characters long, so the same rules fire.
    // json-logic-js gets the same data: that text's value as our rules see it.
    const text = product.components.find((c) => c.type === 'text').id;
    const calls = inner * 16; // paired's warm-up and 15 runs, after the check below
    const texts = Array.from({ length: calls + 1 }, (_, i) => {
      let s = 'Hello there';
      for (let x = i + 1; x > 0; x = Math.floor((x - 1) / 26)) s += String.fromCharCode(97 + ((x - 1) % 26));
      return s;
    });
    const typed = { ...selections };
    // Built as `data` was (a spread would give json-logic-js an object of another kind).
    const typedData = {};
    for (const [id, v] of Object.entries(data)) typedData[id] = v;
    typed[text] = texts[0];
    const seen = core.evaluate(p, typed).components[text].value;
    if (seen.text !== texts[0]) throw new Error('the typed text is not what the rules see');
    const values = texts.map((t) => ({ ...seen, text: t, length: t.length }));
    typedData[text] = values[0];
    for (const r of p.rules) {
      if (jsonLogic.truthy(jsonLogic.apply(r.when, typedData)) !== jsonLogic.truthy(internals.applyLogic(r.when, typedData)))
        throw new Error(`rule ${r.id} on the typed text: json-logic-js and ours disagree`);
    }
    let k = 1;
    let j = 1;
    const typing = paired(() => {
      typed[text] = texts[k++];
      core.evaluate(p, typed);
    }, () => {
      typedData[text] = values[j++];
      for (const r of p.rules) jsonLogic.truthy(jsonLogic.apply(r.when, typedData));
    }, { inner });
    row(`evaluate as a shopper types (one text changes per call), ${n} components`, (typing.ours * 1000).toFixed(1), 'µs', `json-logic-js ${(typing.theirs * 1000).toFixed(1)} µs`, typing.ratio, '≤ 3 ×', typing.ratio <= 3 ? 'yes' : 'no');
  }
  // Paired as the other rows (times taken minutes apart on a shared machine differ by 2 ×): 10 calls at
  // N = 1000 and 1000 at N = 10 back to back, the median of the per-run ratios, times 100.
  const growth = 100 * paired(() => evalOf[1000](), () => {
    for (let i = 0; i < 100; i++) evalOf[10]();
  }, { inner: 10 }).ratio;
  row('evaluate t(1000) / t(10)', `${(evalTimes[10] * 1000).toFixed(1)} / ${(evalTimes[100] * 1000).toFixed(1)} / ${(evalTimes[1000] * 1000).toFixed(1)}`, 'µs', 't(10)', growth, '≤ 120 (linear: 100)', growth <= 120 ? 'yes' : 'no');
}

function benchParse(core, row) {
  const { product } = generate(1000);
  const parse = paired(() => core.parseProduct(product), () => structuredClone(product), { inner: 3, runs: 11 });
  row('parseProduct, 1000 components', parse.ours.toFixed(1), 'ms', `structuredClone ${parse.theirs.toFixed(1)} ms`, parse.ratio, '≤ 3 ×', parse.ratio <= 3 ? 'yes' : 'no');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // CORE and INTERNALS may point at another build (e.g. of an earlier commit) to compare.
  const core = await import(process.env.CORE ?? join(root, 'dist/core.js'));
  const internals = await import(process.env.INTERNALS ?? join(root, 'dist/bench/bench-internals.js'));
  const k = process.argv.indexOf('--only');
  const only = k < 0 ? undefined : process.argv[k + 1];
  if (only !== undefined && only !== 'parse' && only !== 'evaluate') throw new Error(`--only ${only}: expected parse or evaluate`);
  const rows = [];
  benchCore(core, internals, (name, value, unit, baseline, ratio, goal, ok) => rows.push({ name, value, unit, baseline, ratio, goal, ok }), { only });
  for (const r of rows) console.log([r.name, `${r.value} ${r.unit}`, r.baseline, r.ratio === undefined ? '' : `${r.ratio.toFixed(2)} ×`, r.goal, r.ok].join(' | '));
}

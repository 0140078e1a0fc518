import { expect } from 'chai';
import fc from 'fast-check';
import { compilePattern } from './index.js';
import { compilePattern as compileProgram } from './compile.js';
import { matcher } from './run.js';

const env = typeof process !== 'undefined' ? (process.env ?? {}) : {};
const RUNS = Number(env.FUZZ_RUNS ?? (typeof window === 'undefined' ? 3000 : 500));

const test = (pattern: string, text: string): boolean => {
  const r = compilePattern(pattern);
  if (!r.ok) throw new Error(r.reason);
  return r.pattern.test(text);
};

/**
 * Small patterns the native engine runs quickly on short texts: atoms of every kind the matcher
 * delegates or compares, groups, alternation, every quantifier (greedy and lazy), anchors and \b.
 */
const atom = fc.constantFrom('a', 'b', 'x', ' ', 'é', '😀', '.', '[ab]', '[^a]', '[a-c\\d]', '[]', '[^]', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\p{L}', '\\P{L}', '\\p{Lu}', '\\u{1F600}', '\\x61', '\\.', '\\-', '\\n');
const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '{1,3}', '*?', '+?', '??', '{0}');
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');
const { pattern } = fc.letrec<{ pattern: string; term: string; cat: string; alt: string }>((tie) => ({
  pattern: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('term'), tie('cat'), tie('alt')),
  term: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(atom, quant).map(([a, q]) => a + q) },
    { weight: 1, arbitrary: assertion },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('(', '(?:', '(?<g>'), tie('pattern'), quant).map(([o, p, q]) => `${o}${p})${q}`) },
  ),
  cat: fc.array(tie('term'), { minLength: 2, maxLength: 4 }).map((xs) => xs.join('')),
  alt: fc.array(tie('cat'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join('|')),
}));
const text = fc.array(fc.constantFrom('a', 'b', 'c', 'x', '1', ' ', 'é', 'É', '😀', '.', '-', '\n', '_', '\ud800'), { maxLength: 8 }).map((xs) => xs.join(''));

/**
 * `RegExp.prototype.test` as ECMAScript defines it with the `u` flag: a match tried at every code point
 * boundary. Asked of the native engine one start at a time (sticky), because Node 20's V8 also tries
 * an empty match inside a surrogate pair (`/\B/u.test("a😀a")` is true there, false in Chromium).
 */
function nativeTest(sticky: RegExp, text: string): boolean {
  for (let i = 0; ; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
    sticky.lastIndex = i;
    if (sticky.test(text)) return true;
    if (i >= text.length) return false;
  }
}

describe('linear-time patterns', function () {
  this.timeout(60_000);
  it('match exactly as new RegExp(pattern, "u").test(text) does', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        let native: RegExp;
        try {
          native = new RegExp(p, 'uy');
        } catch {
          return; // e.g. a duplicate group name: parseProduct refuses it before matching
        }
        expect(test(p, t), `/${p}/u on ${JSON.stringify(t)}`).to.equal(nativeTest(native, t));
      }),
      { numRuns: RUNS, seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : undefined },
    );
  });

  it('one pattern on many texts, with its moves remembered, and forgotten at a cap of 1 to 50 moves, still matches as RegExp', () => {
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 2, maxLength: 12 }), fc.integer({ min: 1, max: 50 }), (p, texts, cap) => {
        let native: RegExp;
        try {
          native = new RegExp(p, 'uy');
        } catch {
          return;
        }
        const remembered = matcher(compileProgram(p));
        const forgetful = matcher(compileProgram(p), cap);
        // Each text twice: the second time every move is remembered (or, past the cap, built again).
        for (const t of [...texts, ...texts]) {
          const want = nativeTest(native, t);
          expect(remembered(t), `/${p}/u on ${JSON.stringify(t)}`).to.equal(want);
          expect(forgetful(t), `/${p}/u on ${JSON.stringify(t)}, cap ${cap}`).to.equal(want);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : undefined },
    );
  });

  it('the catastrophic ^([A-Za-z]+ ?)+$ on 31 letters and "!" answers at once', () => {
    const r = compilePattern('^([A-Za-z]+ ?)+$');
    if (!r.ok) throw new Error(r.reason);
    const t0 = performance.now();
    expect(r.pattern.test('abcdefghijklmnopqrstuvwxyzabcde!')).to.equal(false);
    expect(performance.now() - t0).to.be.lessThan(50); // a backtracking engine: 106 s
    expect(r.pattern.test('Alex Smith')).to.equal(true);
    const t1 = performance.now();
    expect(r.pattern.test('A'.repeat(1000) + '!')).to.equal(false);
    expect(performance.now() - t1).to.be.lessThan(200);
  });

  it('nested and counted repeats stay linear (1000 characters, a few milliseconds)', () => {
    for (const p of ['^(a|a)*$', '^(a*)*b$', '^(\\w+\\s?)*$', '^(.*a){12}$', '(x+x+)+y']) {
      const r = compilePattern(p);
      if (!r.ok) throw new Error(r.reason);
      const t0 = performance.now();
      r.pattern.test('a'.repeat(1000) + '!');
      expect(performance.now() - t0, p).to.be.lessThan(200);
    }
  });

  it('a surrogate pair written as two \\u escapes is one code point, as in u mode', () => {
    expect(test('^\\uD83D\\uDE00$', '😀')).to.equal(true);
    expect(test('^.$', '😀')).to.equal(true);
    expect(test('^..$', '😀')).to.equal(false);
    // Matches start at code points, never inside a pair (Node 20's V8 also tries an empty \B match there; Chromium does not).
    expect(test('\\B', 'a😀a')).to.equal(false);
  });

  it('refuses what needs backtracking, saying what and where', () => {
    const cases: [string, RegExp, number][] = [
      ['^(a)\\1$', /uses a backreference \(at character 5\)/, 4],
      ['^(?<x>a)\\k<x>$', /uses a named backreference/, 8],
      ['^(?=a)a$', /uses a lookahead \(at character 2\)/, 1],
      ['a(?!b)', /uses a lookahead/, 1],
      ['(?<=a)b', /uses a lookbehind/, 0],
      ['(?<!a)b', /uses a lookbehind/, 0],
    ];
    for (const [p, message, at] of cases) {
      const r = compilePattern(p);
      expect(r.ok, p).to.equal(false);
      if (r.ok) continue;
      expect(r.reason, p).to.match(message);
      expect(r.reason, p).to.match(/cannot be matched in linear time/);
      expect(r.at, p).to.equal(at);
    }
  });

  it('refuses a pattern whose counted repeats write out too large a program, or that does not compile', () => {
    const big = compilePattern('(a{100}){100}');
    expect(big.ok).to.equal(false);
    if (!big.ok) expect(big.reason).to.match(/is too large/);
    const bad = compilePattern('[a');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.reason).to.match(/does not compile as a Unicode regular expression/);
    const deep = compilePattern('('.repeat(60) + 'a' + ')'.repeat(60));
    expect(deep.ok).to.equal(false);
    if (!deep.ok) expect(deep.reason).to.match(/nested too deeply/);
  });
});

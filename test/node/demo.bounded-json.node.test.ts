import { expect } from 'chai';
// @ts-expect-error the demo is plain JavaScript
import { jsonDepth, parseBoundedJson, JsonBoundsError } from '../../demo/bounded-json.mjs';

describe('demo/bounded-json.mjs', () => {
  it('counts the nesting of arrays and objects, not brackets inside strings (escaped quotes included)', () => {
    expect(jsonDepth('1')).to.equal(0);
    expect(jsonDepth('{"a":[{"b":[]}]}')).to.equal(4);
    expect(jsonDepth(JSON.stringify({ text: '[[[[{{{{"\\'.repeat(1000) }))).to.equal(1);
    expect(jsonDepth(JSON.stringify(['a\\"[[[', ['b']]))).to.equal(2);
  });

  it('parses within the bounds; refuses beyond them without parsing, saying which bound', () => {
    const opts = { maxBytes: 1000, maxDepth: 5, what: 'the order' };
    expect(parseBoundedJson('{"a":[[[1]]]}', opts)).to.deep.equal({ a: [[[1]]] });
    const deep = () => parseBoundedJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, { ...opts, maxBytes: 1e6 });
    expect(deep).to.throw(JsonBoundsError, 'the order is nested more than 5 levels deep').with.property('statusCode', 400);
    expect(() => parseBoundedJson(`"${'é'.repeat(600)}"`, opts)).to.throw(JsonBoundsError, 'the order has 1202 bytes; the limit is 1000').with.property('statusCode', 413);
    expect(() => parseBoundedJson('{"a":', opts)).to.throw(JsonBoundsError, 'the order is not valid JSON').with.property('statusCode', 400);
  });

  it('drops __proto__ keys, so a parsed body cannot carry a prototype into a later merge', () => {
    const v = parseBoundedJson('{"__proto__":{"polluted":1},"a":{"__proto__":{"x":1}}}', { maxBytes: 1000, maxDepth: 5 });
    expect(Object.keys(v)).to.deep.equal(['a']);
    expect(Object.prototype.hasOwnProperty.call(v.a, '__proto__')).to.equal(false);
    expect(({} as any).polluted).to.equal(undefined);
  });
});

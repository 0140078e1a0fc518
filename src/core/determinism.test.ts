import { expect } from 'chai';
import { evaluate, parseProduct } from './index.js';
import { EXAMPLES, isNode, loadExample, readOut, writeOut } from '../../test/fixtures/examples.js';

/**
 * The same product and selections must give byte-identical `evaluate` output in Node and in the
 * browser (a shop's backend re-verifies what the shopper's browser decided). The Node suite runs
 * first and writes its output; the browser suite computes its own and compares byte for byte.
 */
const SELECTIONS: Record<string, unknown[]> = {
  'classic-tee': [
    {},
    { size: '2XL', color: 'navy', 'front-text': { text: '👍🏽 经典 Tee\nLine 2', font: 'Lobster' }, 'back-number': '10' },
    { size: 'M', color: 'forest', 'front-text': { text: 'x'.repeat(30), color: '#1b1b1b', fontSize: 500, transform: { x: 2, y: 0.3, rotation: 45, scale: 0.7 } } },
    { size: 'S', photo: { asset: { key: 'a', name: 'p.jpg', type: 'image/jpeg', bytes: 123456, width: 1234, height: 987, sha256: 'b'.repeat(64) }, transform: { x: 0.4, y: 0.6, rotation: 12.5, scale: 1.37 } } },
  ],
  'engraved-bottle': [
    {},
    { engraving: { text: 'Für Zoë & Anna — ❤️', font: 'Great Vibes' }, finish: 'matte-black', 'gift-box': true },
    { engraving: 'Happy Birthday to you, dear' },
  ],
  'name-necklace': [
    { name: 'Zoë', material: 'rose', charms: ['initial', 'heart'], chain: '50cm' },
    { name: '李小龙', charms: ['star'] },
  ],
};

async function allOutputs(): Promise<string> {
  const out: unknown[] = [];
  for (const name of EXAMPLES) {
    const r = parseProduct(await loadExample(name));
    out.push({ name, parse: r.issues });
    if (!r.ok) continue;
    for (const s of SELECTIONS[name]!) for (const locale of ['en', 'zh-CN', 'de']) out.push({ name, locale, ev: evaluate(r.product, s, { locale }) });
  }
  return JSON.stringify(out);
}

describe('evaluate is byte-identical in Node and the browser', () => {
  it(isNode ? 'records the Node output' : 'matches the Node output byte for byte', async function () {
    const mine = await allOutputs();
    expect(mine.length).to.be.greaterThan(10_000);
    if (isNode) {
      await writeOut('evaluate-node.json', mine);
      return;
    }
    const node = await readOut('evaluate-node.json');
    expect(node, 'test/.out/evaluate-node.json is missing: the Node suite runs first (npm test)').to.be.a('string');
    if (node !== mine) {
      let i = 0;
      while (i < mine.length && node!.charCodeAt(i) === mine.charCodeAt(i)) i++;
      expect.fail(`outputs differ at ${i}: node …${node!.slice(i - 80, i + 80)}… browser …${mine.slice(i - 80, i + 80)}…`);
    }
  });
});

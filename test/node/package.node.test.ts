import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the built package', () => {
  it('core is pure: dist/core.js has no lit, konva or DOM', () => {
    const core = readFileSync(join(root, 'dist/core.js'), 'utf8');
    for (const banned of [/from ['"]lit/, /from ['"]konva/, /\bdocument\./, /\bwindow\./, /customElements/, /HTMLElement/]) {
      expect(core, String(banned)).not.to.match(banned);
    }
  });
  it('every export and the bin point at files that exist', () => {
    const targets: string[] = [];
    for (const v of Object.values(pkg.exports) as (string | Record<string, string>)[]) targets.push(...(typeof v === 'string' ? [v] : Object.values(v)));
    targets.push(...Object.values(pkg.bin as Record<string, string>));
    for (const t of targets) expect(existsSync(join(root, t)), t).to.equal(true);
  });
  it('the core entry loads in plain Node and verifies an order', async () => {
    const core = await import(join(root, 'dist/core.js'));
    const product = JSON.parse(readFileSync(join(root, 'examples/engraved-bottle.json'), 'utf8'));
    const order = await core.buildOrder(product, { engraving: 'Jo' });
    const r = await core.verifyOrder(product, JSON.parse(JSON.stringify(order)));
    expect(r.ok).to.equal(true);
  });
  it('product.schema.json is the generated schema, and the examples point at it', () => {
    const schema = JSON.parse(readFileSync(join(root, 'product.schema.json'), 'utf8'));
    expect(schema.title).to.equal('product-customizer product definition');
    for (const ex of ['classic-tee', 'engraved-bottle', 'name-necklace']) {
      expect(JSON.parse(readFileSync(join(root, `examples/${ex}.json`), 'utf8')).$schema).to.equal('../product.schema.json');
    }
  });
});

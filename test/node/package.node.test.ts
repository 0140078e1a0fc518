import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the built package', () => {
  it('core is pure: dist/core.js and every chunk it imports have no lit, konva or DOM', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/from\s*['"](\.[^'"]+)['"]/g)) visit(join(file, '..', m[1]!));
    };
    visit(join(root, 'dist/core.js'));
    expect([...seen].some((f) => f.includes('/chunks/core-')), 'the core chunk').to.equal(true);
    const core = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
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

describe('custom-elements.json', () => {
  it('documents the element’s attributes, events, parts and CSS properties', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const el = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).find((d: { tagName?: string }) => d.tagName === 'product-customizer');
    expect(el.attributes.map((a: { name: string }) => a.name)).to.include.members(['src', 'locale', 'name', 'view', 'disabled', 'autosave', 'no-submit']);
    expect(el.events.map((e: { name: string }) => e.name)).to.deep.equal(['customization-change', 'order-customization', 'customizer-error', 'customizer-load']);
    expect(el.cssParts.map((p: { name: string }) => p.name)).to.include.members(['preview', 'controls', 'price', 'errors', 'add-to-cart', 'error']);
    expect(el.cssProperties.every((p: { name: string }) => p.name.startsWith('--pc-'))).to.equal(true);
  });
});

describe('styling contract', () => {
  it('every --pc-* token the styles use is documented, and every documented one is used', () => {
    const styles = readFileSync(join(root, 'src/element/product-customizer/product-customizer.styles.ts'), 'utf8');
    const element = readFileSync(join(root, 'src/element/product-customizer/product-customizer.ts'), 'utf8');
    const used = [...new Set([...styles.matchAll(/var\((--pc-[a-z-]+)/g)].map((m) => m[1]))].sort();
    const documented = [...new Set([...element.matchAll(/@cssproperty (--pc-[a-z-]+)/g)].map((m) => m[1]))].sort();
    expect(used).to.deep.equal(documented);
    // Parts are rendered by the element and by its control modules (src/element/controls).
    const controls = readdirSync(join(root, 'src/element/controls')).filter((f) => f.endsWith('.ts') && !f.includes('.test.')).map((f) => readFileSync(join(root, 'src/element/controls', f), 'utf8'));
    const parts = [...new Set([element, ...controls].flatMap((src) => [...src.matchAll(/part="([a-z-]+)"/g)].map((m) => m[1])))].sort();
    const docParts = [...new Set([...element.matchAll(/@csspart ([a-z-]+)/g)].map((m) => m[1]))].sort();
    expect(parts).to.deep.equal(docParts);
  });
});

describe('demo/backend-example.mjs', () => {
  it('verifies a sample order and writes its print files', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [join(root, 'demo/backend-example.mjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/verified, charge 2499 \(USD minor units\)/);
    expect(r.stdout).to.match(/front\.chest: 3600 × 4650 px at 300 dpi/);
  }).timeout(60_000);
});

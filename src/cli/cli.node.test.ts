import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('product-customizer CLI (built dist/cli.js)', () => {
  it('validate: the examples are ok, exit 0', () => {
    const r = run('validate', 'examples/classic-tee.json', 'examples/engraved-bottle.json', 'examples/name-necklace.json');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('examples/classic-tee.json: ok\n');
    expect(r.stdout).to.include('examples/name-necklace.json: ok\n');
  });
  it('validate: a broken product prints located errors, exit 1', () => {
    const p = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
    p.components[2].area = 'front.nowhere';
    p.basePrice = 19.99;
    const dir = mkdtempSync(join(tmpdir(), 'pc-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(p));
    const r = run('validate', file);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include(`${file}: 1 error`);
    expect(r.stdout).to.include('error   basePrice: expected a whole number of minor units (1999 = 19.99), got the number 19.99');
  });
  it('validate: a missing file or non-JSON is reported, exit 1', () => {
    const r = run('validate', 'nope.json', 'README.md');
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('nope.json: cannot read');
    expect(r.stdout).to.match(/README.md: 1 error\n {2}error {3}\(root\): not valid JSON/);
  });
  it('schema prints the same JSON Schema the package ships', () => {
    const r = run('schema');
    expect(r.status).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal(JSON.parse(readFileSync(join(root, 'product.schema.json'), 'utf8')));
  });
  describe('render', function () {
    this.timeout(60_000);
    it('writes the print files and a manifest; refuses a tampered order with its issues, exit 1', async () => {
      const { buildOrder, sha256Hex } = await import('../core/index.js');
      const { makePng } = await import('../core/files/fixtures.js');
      const dir = mkdtempSync(join(tmpdir(), 'pc-render-'));
      mkdirSync(join(dir, 'files'));
      const png = makePng(1200, 1200);
      writeFileSync(join(dir, 'files', 'photo-1.png'), png);
      const product = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
      const order = await buildOrder(product, {
        size: 'L',
        'back-number': '9',
        photo: { asset: { key: 'photo-1', name: 'me.png', type: 'image/png', bytes: png.byteLength, width: 1200, height: 1200, sha256: await sha256Hex(png) } },
      });
      writeFileSync(join(dir, 'order.json'), JSON.stringify(order));
      const r = run('render', 'examples/classic-tee.json', join(dir, 'order.json'), '--files', join(dir, 'files'), '--out', join(dir, 'out'));
      expect(r.status, r.stderr + r.stdout).to.equal(0);
      expect(r.stdout).to.include('print-front-chest.png: 3600 × 4650 px, 12 × 15.5 in at 300 dpi');
      expect(r.stdout).to.include('print-back-upper.png: 3600 × 3150 px, 12 × 10.5 in at 300 dpi');
      const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
      expect(manifest.files.map((f: { area: string }) => f.area)).to.deep.equal(['front.chest', 'back.upper']);
      expect(manifest.files[0]).to.deep.include({ width: 3600, height: 4650, dpi: 300, print: { width: 12, height: 15.5, unit: 'in' } });
      expect(existsSync(join(dir, 'out', 'print-back-upper.png'))).to.equal(true);

      order.selections.size = 'XL';
      writeFileSync(join(dir, 'tampered.json'), JSON.stringify(order));
      const bad = run('render', 'examples/classic-tee.json', join(dir, 'tampered.json'), '--files', join(dir, 'files'), '--out', join(dir, 'out2'));
      expect(bad.status).to.equal(1);
      expect(bad.stdout).to.include('refused: the order does not verify');
      expect(bad.stdout).to.include('error   properties: the properties do not match the selections');
      expect(existsSync(join(dir, 'out2'))).to.equal(false);
    });

    it('--format pdf and svg write vector files (no fonts, no <text>); a text its font cannot draw is refused, exit 1; another format is a usage error, exit 2', async () => {
      const { cardProduct, orderOf } = await import('../../test/fixtures/vector.js');
      const dir = mkdtempSync(join(tmpdir(), 'pc-render-vector-'));
      const product = cardProduct('left');
      writeFileSync(join(dir, 'card.json'), JSON.stringify(product));
      writeFileSync(join(dir, 'order.json'), JSON.stringify(await orderOf(product, { message: { text: 'Hi\nthere', font: 'Lobster', color: '#c8102e' } })));
      for (const format of ['pdf', 'svg']) {
        const r = run('render', join(dir, 'card.json'), join(dir, 'order.json'), '--assets', 'examples/assets', '--format', format, '--out', join(dir, format));
        expect(r.status, r.stderr + r.stdout).to.equal(0);
        expect(r.stdout).to.include(`print-front-panel.${format}: vector ${format.toUpperCase()}, page 60 × 30 mm\n`);
        const manifest = JSON.parse(readFileSync(join(dir, format, 'manifest.json'), 'utf8'));
        expect(manifest.files).to.deep.equal([{ area: 'front.panel', file: `print-front-panel.${format}`, format, width: 354, height: 177, dpi: 150, widthMm: 60, heightMm: 30, print: { width: 60, height: 30, unit: 'mm' } }]);
      }
      const pdf = join(dir, 'pdf', 'print-front-panel.pdf');
      expect(spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout.trim().split('\n')).to.have.length(2);
      expect(readFileSync(join(dir, 'svg', 'print-front-panel.svg'), 'utf8')).to.match(/^<\?xml[^]*<path id="c-message" fill="#c8102e"/).and.not.match(/<text\b/);

      writeFileSync(join(dir, 'cyrillic.json'), JSON.stringify(await orderOf(product, { message: { text: 'Жук', font: 'Lobster' } })));
      const refused = run('render', join(dir, 'card.json'), join(dir, 'cyrillic.json'), '--assets', 'examples/assets', '--format', 'svg', '--out', join(dir, 'refused'));
      expect(refused.status, refused.stderr).to.equal(1);
      expect(refused.stdout).to.include('no SVG: text "message": font "Lobster" (fonts/lobster-latin-400-normal.woff2) has no glyph for "Ж", "у", "к"');
      expect(existsSync(join(dir, 'refused'))).to.equal(false);

      const eps = run('render', join(dir, 'card.json'), join(dir, 'order.json'), '--format', 'eps', '--out', join(dir, 'eps'));
      expect(eps.status).to.equal(2);
      expect(eps.stderr).to.include('render: --format is png, pdf or svg, not "eps"');
    });
  });

  it('an unknown command prints usage, exit 2', () => {
    const r = run('frobnicate');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include('usage: product-customizer');
  });
});

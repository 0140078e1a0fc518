/**
 * The merchant's whole loop with the studio, on the real demo (npm start: HTTP on loopback, its
 * database in a temporary folder, the built dist/product-customizer-studio.js) in Debian's
 * Chromium, driven through roles and accessible names: the photo mug is created from nothing in the
 * studio — a mockup uploaded as real bytes, the wrap area drawn, moved and resized by pointer on the
 * stage, a required photo, a caption with two uploaded fonts and a curve, a colour that tints, the
 * rule "caption required when there is no photo" — published, ordered by a shopper, and its print
 * file received at print size. Screenshots of each step go to test/.out/screenshots/studio-*.png (no test writes a
 * tracked file: `node scripts/update-references.mjs --screenshots` copies them to docs/screenshots/).
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { evaluate, parseProduct } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const shots = join(root, 'test/.out/screenshots');

/** A mug mockup, drawn and encoded as a real PNG (800 × 600). */
function mugMockup(): Buffer {
  const c = createCanvas(800, 600);
  const g = c.getContext('2d');
  g.fillStyle = '#eef0f2';
  g.fillRect(0, 0, 800, 600);
  const body = g.createLinearGradient(150, 0, 570, 0);
  body.addColorStop(0, '#d9d9d9');
  body.addColorStop(0.25, '#ffffff');
  body.addColorStop(0.8, '#f2f2f2');
  body.addColorStop(1, '#cfcfcf');
  g.fillStyle = body;
  g.strokeStyle = '#9a9a9a';
  g.lineWidth = 5;
  g.beginPath();
  g.roundRect(150, 110, 420, 400, 28);
  g.fill();
  g.stroke();
  g.lineWidth = 28;
  g.strokeStyle = '#e4e4e4';
  g.beginPath();
  g.arc(585, 310, 95, -Math.PI / 2.2, Math.PI / 2.2);
  g.stroke();
  return c.toBuffer('image/png');
}

describe('studio, end to end: the photo mug from nothing to print files', function () {
  this.timeout(300_000);
  let server: ChildProcess;
  let base = '';
  let creds = { username: '', password: '' };
  let browser: Browser;
  let assetsDir = '';

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-studio-'));
    // The shop's assets folder (the examples' images) in a temporary copy: uploads land in its uploads/.
    assetsDir = join(dir, 'assets');
    cpSync(join(root, 'examples/assets'), assetsDir, { recursive: true });
    mkdirSync(shots, { recursive: true });
    server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), ASSETS_DIR: assetsDir } });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const read = (d: Buffer) => {
        out += String(d);
        const url = /demo shop: (http:\/\/\S+?)\/?\n/.exec(out);
        const login = /username: (\S+)\s+password: (\S+)/.exec(out);
        if (url && login) {
          base = url[1]!;
          creds = { username: login[1]!, password: login[2]! };
          resolve();
        }
      };
      server.stdout!.on('data', read);
      server.stderr!.on('data', (d) => (out += String(d)));
      server.on('exit', (code) => reject(new Error(`demo exited ${code}: ${out}`)));
    });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    server?.kill();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${base}/merchant/login`);
    await page.getByLabel('Username').fill(creds.username);
    await page.getByLabel('Password').fill(creds.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/merchant/`);
  };
  /** The page position of a point given in the current view's pixels. */
  const at = async (studio: Locator, x: number, y: number, viewWidth: number): Promise<[number, number]> => {
    const box = (await studio.locator('.stage canvas').first().boundingBox())!;
    const s = box.width / viewWidth;
    return [box.x + x * s, box.y + y * s];
  };
  const drag = async (page: Page, from: [number, number], to: [number, number]) => {
    await page.mouse.move(...from);
    await page.mouse.down();
    await page.mouse.move(...to, { steps: 6 });
    await page.mouse.up();
  };
  const product = (page: Page) => page.evaluate(() => (document.querySelector('product-customizer-studio') as any).product);
  const shot = (page: Page, name: string) => page.locator('product-customizer-studio').screenshot({ path: join(shots, `studio-${name}.png`) });

  let published: any;

  it('the merchant creates the photo mug in the studio through its UI only, and publishes it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page);
    await page.goto(`${base}/merchant/products`);
    const studio = page.locator('product-customizer-studio');
    await studio.getByRole('button', { name: 'New product' }).click();
    await studio.getByRole('textbox', { name: 'Product id' }).fill('photo-mug');
    await studio.getByRole('textbox', { name: 'Revision', exact: true }).fill('1');
    await studio.getByRole('textbox', { name: 'Name', exact: true }).fill('Photo mug');
    await studio.getByRole('textbox', { name: 'Base price (USD)' }).fill('14.00');
    await studio.getByRole('textbox', { name: 'Base price (USD)' }).press('Tab');
    await shot(page, '1-new');

    // The mockup, uploaded as a file: the view takes its size; the rectangle tool is ready.
    await studio.getByLabel('Add a view from a mockup image').setInputFiles({ name: 'mug.png', mimeType: 'image/png', buffer: mugMockup() });
    await studio.getByRole('button', { name: 'Front', exact: true }).waitFor();
    expect(await studio.getByRole('button', { name: 'Draw rectangle area' }).getAttribute('aria-pressed')).to.equal('true');
    // Draw the wrap area, then move it and resize it by its handle.
    await page.waitForFunction(() => (document.querySelector('product-customizer-studio') as any).shadowRoot.querySelector('.stage canvas'));
    await drag(page, await at(studio, 180, 200, 800), await at(studio, 480, 380, 800));
    let area = (await product(page)).views[0].areas[0];
    expect(area).to.deep.include({ id: 'main' });
    expect(area.x).to.be.closeTo(180, 3);
    expect(area.width).to.be.closeTo(300, 4);
    await drag(page, await at(studio, 330, 290, 800), await at(studio, 350, 330, 800));
    area = (await product(page)).views[0].areas[0];
    expect(area.x).to.be.closeTo(200, 3);
    expect(area.y).to.be.closeTo(240, 3);
    expect((await product(page)).views[0].areas).to.have.length(1);
    await drag(page, await at(studio, area.x + area.width, area.y + area.height, 800), await at(studio, 560, 460, 800));
    area = (await product(page)).views[0].areas[0];
    expect(area.x + area.width).to.be.closeTo(560, 4);
    expect(area.y + area.height).to.be.closeTo(460, 4);
    expect(area.print.height / area.print.width).to.be.closeTo(area.height / area.width, 0.002);
    // Its name and print size: the 11 oz wrap preset; the area's height follows.
    await studio.getByRole('textbox', { name: 'Area id' }).fill('wrap');
    await studio.getByRole('textbox', { name: 'Area id' }).press('Tab');
    await studio.getByRole('combobox', { name: 'Print size preset' }).selectOption({ label: 'Mug wrap 11 oz — 8.5 × 3.5 in' });
    area = (await product(page)).views[0].areas[0];
    expect(area.id).to.equal('wrap');
    expect(area.print).to.deep.equal({ width: 8.5, height: 3.5, unit: 'in', dpi: 300 });
    expect(area.height).to.equal(Math.round((area.width * 3.5) / 8.5));
    await shot(page, '2-view');

    // Components: a required photo, a caption with two uploaded fonts and a curve, a colour that tints.
    await studio.getByRole('tab', { name: 'Components' }).click();
    await studio.getByRole('button', { name: 'Add image' }).click();
    await studio.getByRole('checkbox', { name: 'Required' }).check();
    await studio.getByRole('button', { name: 'Add text' }).click();
    await studio.getByRole('textbox', { name: 'Id', exact: true }).fill('caption');
    await studio.getByRole('textbox', { name: 'Label', exact: true }).fill('Caption');
    const font = (f: string) => ({ name: f, mimeType: 'font/woff2', buffer: readFileSync(join(root, 'examples/assets/fonts', f)) });
    await studio.getByLabel('Upload a font file').setInputFiles(font('lobster-latin-400-normal.woff2'));
    await studio.getByRole('checkbox', { name: 'Lobster' }).waitFor();
    await studio.getByLabel('Upload a font file').setInputFiles(font('great-vibes-latin-400-normal.woff2'));
    await studio.getByRole('checkbox', { name: 'Great Vibes' }).waitFor();
    await studio.getByRole('checkbox', { name: 'Let the shopper curve the text' }).check();
    await studio.getByRole('spinbutton', { name: 'Curve default (°)' }).fill('60');
    await studio.getByRole('button', { name: 'Add choice' }).click();
    await studio.getByRole('button', { name: 'Add option' }).click();
    await studio.getByRole('textbox', { name: 'Option 2: Value' }).fill('navy');
    await studio.getByRole('textbox', { name: 'Option 2: Option label' }).fill('Navy');
    await studio.getByLabel('Option 2: Swatch colour').fill('#1f2a44');
    await studio.getByRole('button', { name: 'Option 2: Add a tint' }).click();
    await studio.getByLabel('Option 2: Effects 1: Tint colour').fill('#1f2a44');
    await shot(page, '3-components');

    // The rule, with the builder only: when the photo is empty, require the caption.
    await studio.getByRole('tab', { name: 'Rules' }).click();
    await studio.getByRole('button', { name: 'Add rule' }).click();
    await studio.getByRole('combobox', { name: 'When: Component' }).selectOption('photo');
    await studio.getByRole('combobox', { name: 'When: Test' }).selectOption({ label: 'is empty' });
    await studio.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Require' });
    await studio.getByRole('checkbox', { name: 'caption' }).check();
    await studio.getByText('parseProduct reports nothing about this rule.').waitFor();
    await shot(page, '4-rule');

    const p = await product(page);
    const json = JSON.stringify(p);
    expect(json).to.not.match(/data:/);
    expect(parseProduct(p).issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
    expect(p.views[0].layers[0].src).to.match(/^assets\/uploads\/[0-9a-f]{64}\.png$/);
    expect(p.fonts.map((f: any) => f.family)).to.deep.equal(['Lobster', 'Great Vibes']);
    expect(p.fonts.every((f: any) => /^assets\/uploads\/[0-9a-f]{64}\.woff2$/.test(f.src))).to.equal(true);
    expect(readdirSync(join(assetsDir, 'uploads')).sort()).to.deep.equal([p.views[0].layers[0].src, ...p.fonts.map((f: any) => f.src)].map((s: string) => s.split('/').pop()).sort());
    const [photo, caption, color] = p.components;
    expect(photo).to.deep.include({ id: 'photo', type: 'image', required: true, area: 'front.wrap' });
    expect(caption).to.deep.include({ id: 'caption', type: 'text', area: 'front.wrap', fonts: ['Lobster', 'Great Vibes'], curve: { min: -180, max: 180, default: 60 } });
    expect(color.options[1]).to.deep.equal({ value: 'navy', label: 'Navy', swatch: '#1f2a44', effects: [{ layer: 'front.base', tint: '#1f2a44' }] });
    expect(p.rules).to.deep.equal([{ id: 'rule', when: { '!': { var: 'photo' } }, then: { require: ['caption'] } }]);
    expect(evaluate(p, {}).components.caption!.required).to.equal(true);

    // Publish; the studio's list of published revisions is refreshed with it.
    await studio.getByRole('button', { name: 'Publish' }).click();
    await studio.getByText('Published revision 1.').waitFor();
    await studio.getByRole('tab', { name: 'Product' }).click();
    await studio.getByRole('button', { name: 'Edit photo-mug revision 1' }).waitFor();
    await shot(page, '5-published');
    // The draft survives a reload (IndexedDB) exactly.
    await page.reload();
    await studio.getByText('Draft restored.').waitFor();
    expect(await product(page)).to.deep.equal(p);
    expect(errors).to.deep.equal([]);
    published = p;
    await ctx.close();
  });

  it('a shopper orders the mug with a photo and a caption; the merchant receives its print file at print size', async () => {
    expect(published, 'the mug was published').to.exist;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/products/photo-mug`);
    await page.waitForFunction(() => (document.querySelector('product-customizer') as any)?.evaluation);
    // The rule in the shop: no photo yet, so the caption is required.
    expect(await page.evaluate(() => (document.querySelector('product-customizer') as any).evaluation.components.caption.required)).to.equal(true);
    await page.locator('product-customizer input[type="file"]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(makePng(2550, 1050)) });
    await page.getByRole('textbox', { name: /Caption/ }).fill('For Mum');
    await page.getByRole('radio', { name: /^Navy/ }).check();
    await page.waitForFunction(() => {
      const el = document.querySelector('product-customizer') as any;
      return el.selections.photo && el.evaluation.valid;
    });
    await page.screenshot({ path: join(shots, 'studio-6-shop.png') });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(`${base}/cart`);
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const href = await page.locator('main a[href^="/orders/"]').first().getAttribute('href');
    const orderId = href!.split('/').pop()!;
    await ctx.close();

    const merchant = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const mp = await merchant.newPage();
    await signIn(mp);
    await mp.locator(`[data-order="${orderId}"] .render-status`).filter({ hasText: /^ready$/ }).waitFor({ timeout: 90_000 });
    await mp.reload();
    const order = mp.locator(`[data-order="${orderId}"]`);
    expect(await order.textContent()).to.include('Caption: For Mum');
    expect(await order.textContent()).to.include('verified: yes');
    const link = order.getByRole('link', { name: 'print-front-wrap.png' });
    const res = await mp.request.get(`${base}${await link.getAttribute('href')}`);
    expect(res.status()).to.equal(200);
    const img = await loadImage(await res.body());
    expect([img.width, img.height]).to.deep.equal([2550, 1050]);
    await order.screenshot({ path: join(shots, 'studio-7-order.png') });
    await merchant.close();
  });
});

/**
 * The demo's asset endpoint for the studio (demo/assets.mjs) on the real demo over HTTP: files
 * typed by their bytes and bounded in size, stored once by SHA-256 beside the shop's product assets
 * and served back under every product; the merchant's session and same-origin rule guard it.
 */
import { expect } from 'chai';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makePng } from '../../src/core/files/fixtures.js';
import { multipart, raw, signIn, startDemo, type Demo } from './demo.helpers.js';
// @ts-expect-error the demo is plain JavaScript
import { urlFor, assetKind, ASSET_LIMITS } from '../../demo/assets.mjs';

const root = new URL('../../', import.meta.url).pathname;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('demo: the studio’s asset uploads (POST /merchant/assets)', function () {
  this.timeout(60_000);
  let demo: Demo;
  let assetsDir = '';
  let cookie = '';
  let decoy = '';
  const previous = process.env.ASSETS_DIR;

  before(async () => {
    assetsDir = join(mkdtempSync(join(tmpdir(), 'pc-studio-assets-')), 'assets');
    cpSync(join(root, 'examples/assets'), assetsDir, { recursive: true });
    // createDemo({ assetsDir }) is where the shop serves assets from: the studio's uploads go there,
    // not where this process's ASSETS_DIR points (a decoy folder that must stay empty).
    decoy = mkdtempSync(join(tmpdir(), 'pc-studio-decoy-'));
    process.env.ASSETS_DIR = decoy;
    demo = await startDemo({ assetsDir });
    cookie = await signIn(demo);
  });
  after(async () => {
    await demo?.close();
    if (previous === undefined) delete process.env.ASSETS_DIR;
    else process.env.ASSETS_DIR = previous;
  });

  const upload = async (bytes: Uint8Array, name: string, type: string, headers: Record<string, string> = {}, fields: Record<string, string> = {}) => {
    const m = await multipart(fields, { file: { bytes, name, type } });
    const res = await raw(demo.port, 'POST', '/merchant/assets', { cookie, origin: demo.origin, 'sec-fetch-site': 'same-origin', 'content-type': m.contentType, ...headers }, m.body);
    return { ...res, json: (() => { try { return JSON.parse(res.body); } catch { return undefined; } })() };
  };
  const uploads = () => (existsSync(join(assetsDir, 'uploads')) ? readdirSync(join(assetsDir, 'uploads')).sort() : []);

  it('stores an image once under its SHA-256 and answers { url } relative to the product’s assetsBase; the shop serves it back', async () => {
    const png = makePng(64, 48);
    const res = await upload(png, 'mockup.png', 'image/png');
    expect(res.status).to.equal(201);
    expect(res.json).to.deep.equal({ url: `assets/uploads/${sha(png)}.png`, type: 'image/png', bytes: png.byteLength });
    expect(new Uint8Array(readFileSync(join(assetsDir, 'uploads', `${sha(png)}.png`)))).to.deep.equal(png);
    // Relative to a product whose assetsBase is "assets/" (the examples'), the same file is "uploads/…".
    const again = await upload(png, 'same.png', 'image/png', {}, { assetsBase: 'assets/' });
    expect(again.json.url).to.equal(`uploads/${sha(png)}.png`);
    expect(uploads()).to.deep.equal([`${sha(png)}.png`]);
    expect(readdirSync(decoy)).to.deep.equal([]);
    // Served where a product JSON's relative URL leads (/products/<id>/r/<rev>/ + assets/uploads/…).
    const served = await raw(demo.port, 'GET', `/products/any/r/1/assets/uploads/${sha(png)}.png`);
    expect(served.status).to.equal(200);
    expect(new Uint8Array(served.bytes)).to.deep.equal(png);
  });

  it('takes fonts by their bytes (WOFF2 here), whatever the browser claimed', async () => {
    const woff2 = new Uint8Array(readFileSync(join(root, 'examples/assets/fonts/lobster-latin-400-normal.woff2')));
    const res = await upload(woff2, 'Lobster.woff2', 'application/octet-stream');
    expect(res.status).to.equal(201);
    expect(res.json.url).to.equal(`assets/uploads/${sha(woff2)}.woff2`);
    expect(res.json.type).to.equal('font/woff2');
  });

  it('refuses what is not an image or font by its bytes, oversize files, and an assetsBase elsewhere; nothing is stored', async () => {
    const before = uploads();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(svg, 'logo.png', 'image/png')).status).to.equal(415);
    expect((await upload(new TextEncoder().encode('hello'), 'font.woff2', 'font/woff2')).status).to.equal(415);
    const big = new Uint8Array(ASSET_LIMITS.imageBytes + 1);
    big.set(makePng(8, 8));
    expect((await upload(big, 'big.png', 'image/png')).status).to.equal(413);
    const bigFont = new Uint8Array(ASSET_LIMITS.fontBytes + 1);
    bigFont.set(new TextEncoder().encode('wOF2'));
    expect((await upload(bigFont, 'big.woff2', 'font/woff2')).status).to.equal(413);
    const elsewhere = await upload(makePng(9, 9), 'x.png', 'image/png', {}, { assetsBase: 'https://cdn.example.com/' });
    expect(elsewhere.status).to.equal(422);
    expect(elsewhere.json.error).to.match(/assetsBase/);
    expect(uploads()).to.deep.equal(before);
  });

  it('needs the merchant’s session and a same-origin request (or the session’s CSRF token)', async () => {
    const before = uploads();
    const png = makePng(10, 11);
    const m = await multipart({}, { file: { bytes: png, name: 'a.png', type: 'image/png' } });
    expect((await raw(demo.port, 'POST', '/merchant/assets', { origin: demo.origin, 'content-type': m.contentType }, m.body)).status).to.equal(401);
    expect((await upload(png, 'a.png', 'image/png', { origin: `http://127.0.0.1:${demo.port + 1}`, 'sec-fetch-site': 'same-site' })).status).to.equal(403);
    expect((await raw(demo.port, 'POST', '/merchant/assets', { cookie, 'content-type': m.contentType }, m.body)).status).to.equal(403);
    expect(uploads()).to.deep.equal(before);
  });

  it('lists the published revisions for the studio’s revisions-url (signed in only)', async () => {
    const res = await raw(demo.port, 'GET', '/merchant/revisions.json', { cookie });
    expect(res.status).to.equal(200);
    const list = JSON.parse(res.body);
    const tee = list.find((r: any) => r.id === 'classic-tee');
    expect(tee).to.deep.include({ id: 'classic-tee', revision: '2026-11-01', name: 'Classic Tee', url: '/products/classic-tee/r/2026-11-01/product.json' });
    expect(Date.parse(tee.publishedAt)).to.be.a('number').and.not.NaN;
    expect((await raw(demo.port, 'GET', '/merchant/revisions.json')).status).to.equal(302);
  });

  it('a published product whose layer is an uploaded image (no assetsBase) shows it in the gallery and on its card', async () => {
    const png = makePng(40, 30);
    const { json } = await upload(png, 'shirt.png', 'image/png'); // no assetsBase: "assets/uploads/<sha>.png"
    const product = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
    delete product.$schema;
    // The same product without assetsBase: its relative URLs are relative to the product JSON's folder.
    const prefix = (v: any): any => (Array.isArray(v) ? v.map(prefix) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'src' && typeof x === 'string' ? `assets/${x}` : prefix(x)])) : v);
    const moved = prefix(product);
    delete moved.assetsBase;
    moved.id = 'uploaded-tee';
    moved.revision = 'u1';
    moved.views[0].layers[0].src = json.url;
    const form = new URLSearchParams({ json: JSON.stringify(moved) }).toString();
    const published = await raw(demo.port, 'POST', '/merchant/products', { cookie, origin: demo.origin, 'content-type': 'application/x-www-form-urlencoded' }, form);
    expect(published.status, published.body.slice(0, 400)).to.equal(201);

    const images = async (path: string) => [...(await raw(demo.port, 'GET', path)).body.matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    const gallery = await images('/products/uploaded-tee');
    expect(gallery).to.have.length(moved.views.length);
    expect(gallery[0]).to.equal(`/products/uploaded-tee/r/u1/assets/uploads/${sha(png)}.png`);
    for (const src of gallery) {
      const res = await raw(demo.port, 'GET', src);
      expect([src, res.status, res.headers['content-type']]).to.deep.equal([src, 200, 'image/png']);
    }
    expect(new Uint8Array((await raw(demo.port, 'GET', gallery[0]!)).bytes)).to.deep.equal(png);
    const card = (await images('/')).find((src) => src.startsWith('/products/uploaded-tee/'));
    expect(card).to.equal(gallery[0]);
    // The examples (assetsBase "assets/") keep their images.
    for (const src of await images('/products/classic-tee')) expect((await raw(demo.port, 'GET', src)).status, src).to.equal(200);
  });

  it('urlFor and assetKind: the URL under a relative assetsBase; types by magic bytes', () => {
    expect(urlFor('f.png', undefined)).to.equal('assets/uploads/f.png');
    expect(urlFor('f.png', 'assets/')).to.equal('uploads/f.png');
    expect(urlFor('f.png', 'assets')).to.equal('uploads/f.png');
    expect(urlFor('f.png', 'media/')).to.equal('../assets/uploads/f.png');
    expect(urlFor('f.png', '/abs/')).to.equal(undefined);
    expect(urlFor('f.png', '../up/')).to.equal(undefined);
    expect(assetKind(makePng(2, 2))).to.deep.equal({ type: 'image/png', ext: '.png', font: false });
    expect(assetKind(new TextEncoder().encode('OTTO....'))).to.deep.include({ type: 'font/otf' });
    expect(assetKind(new Uint8Array([0, 1, 0, 0, 9]))).to.deep.include({ type: 'font/ttf' });
    expect(assetKind(new TextEncoder().encode('GIF89a'))).to.equal(undefined);
  });
});

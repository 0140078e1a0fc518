/**
 * Attacks through a product's asset URLs (issue 12, item 11): a layer, font or product
 * `assetsBase` that points at local files, loopback services or out of the assets folder must be
 * refused before anything is read, with a typed error that names no server path.
 */
import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetError, renderMockups, renderPrintFiles } from './index.js';
import { buildOrder } from '../core/index.js';
import { makePng } from '../core/files/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const tee = () => JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));

/** A throwaway HTTP server that counts its requests; `handler` answers them. */
async function listen(handler: (url: string, res: import('node:http').ServerResponse) => void): Promise<{ origin: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url!);
    handler(req.url!, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('product-customizer/server: asset URLs stay where the deployer put them', function () {
  this.timeout(60_000);
  let dir: string;
  let shop: string;
  let secret: Buffer;
  const servers: Server[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-assets-'));
    shop = join(dir, 'shop');
    mkdirSync(shop);
    cpSync(join(root, 'examples/assets'), join(shop, 'assets'), { recursive: true });
    // A real image outside the folder: if the policy let it through, rendering would succeed.
    secret = Buffer.from(makePng(64, 64));
    writeFileSync(join(dir, 'secret.png'), secret);
    symlinkSync(join(dir, 'secret.png'), join(shop, 'assets', 'link.png'));
  });
  after(() => servers.forEach((s) => s.close()));

  /** Renders mockups of the tee with its front layer's src (or the product edited) changed. */
  async function mockupWith(edit: (p: any) => void, options: Record<string, unknown> = {}) {
    const p = tee();
    edit(p);
    const order = await buildOrder(p, { size: 'M' });
    return renderMockups(p, order, {}, { width: 64, assetsBase: shop, ...options });
  }
  async function refusedWith(codes: string[], edit: (p: any) => void, options: Record<string, unknown> = {}) {
    try {
      await mockupWith(edit, options);
    } catch (e) {
      expect(e, String(e)).to.be.instanceOf(AssetError);
      expect(codes).to.include((e as AssetError).code);
      expect((e as Error).message).not.to.include(shop); // no server path in what a shopper may see
      expect((e as Error).message).not.to.include(root);
      return e as AssetError;
    }
    throw new Error('expected an AssetError');
  }
  const layer = (src: string) => (p: any) => (p.views[0].layers[0].src = src);

  it('renders from inside the folder (the product’s relative assetsBase under the deployer’s)', async () => {
    const out = await mockupWith(() => undefined);
    expect(out.map((m) => m.view)).to.deep.equal(['front', 'back']);
  });
  it('refuses file: URLs', () => refusedWith(['asset-outside-base', 'asset-scheme'], layer(`file://${join(dir, 'secret.png')}`)));
  it('refuses ../ out of the folder, plain and percent-encoded', async () => {
    await refusedWith(['asset-outside-base'], layer('../../secret.png'));
    await refusedWith(['asset-outside-base'], layer('%2e%2e/%2e%2e/secret.png'));
    // An encoded "/" is no separator in a URL: the name is not a file in the folder.
    await refusedWith(['asset-outside-base', 'asset-unavailable'], layer('..%2F..%2Fsecret.png'));
    await refusedWith(['asset-outside-base'], layer('..\\..\\secret.png'));
  });
  it('refuses absolute paths and ../../etc/passwd', async () => {
    await refusedWith(['asset-outside-base'], layer(join(dir, 'secret.png')));
    await refusedWith(['asset-outside-base'], layer('../../../../../../../../etc/passwd'));
  });
  it('refuses a symlink in the folder that leads out of it', () => refusedWith(['asset-outside-base'], layer('link.png')));
  it('refuses a product assetsBase that leaves the folder or names a scheme', async () => {
    await refusedWith(['asset-outside-base'], (p) => (p.assetsBase = '../../'));
    await refusedWith(['asset-outside-base', 'asset-scheme'], (p) => (p.assetsBase = `file://${dir}/`));
  });
  it('refuses data: URLs (products reference files; the studio never inlines one)', async () => {
    const e = await refusedWith(['asset-scheme'], layer(`data:image/png;base64,${secret.toString('base64')}`));
    expect(e.message).to.match(/data: URLs are never read/);
  });
  it('refuses http://127.0.0.1 without touching it, a font as much as a layer', async () => {
    const local = await listen((_u, res) => res.end(secret));
    servers.push(local.server);
    await refusedWith(['asset-origin'], layer(`${local.origin}/admin.png`));
    await refusedWith(['asset-origin'], (p) => (p.fonts[0].src = `${local.origin}/font.woff2`));
    await refusedWith(['asset-origin'], (p) => (p.assetsBase = `${local.origin}/`));
    const p = tee();
    p.fonts[0].src = `${local.origin}/font.woff2`;
    const order = await buildOrder(p, { size: 'M', 'front-text': { text: 'Hi' } });
    try {
      await renderPrintFiles(p, order, {}, { assetsBase: shop });
      expect.fail('should refuse');
    } catch (e) {
      expect((e as AssetError).code).to.equal('asset-origin');
    }
    expect(local.hits).to.deep.equal([]);
  });
  it('reads from an origin the deployer allows, and follows no redirect to one it does not', async () => {
    const inner = await listen((_u, res) => res.end(secret));
    const cdn = await listen((url, res) => {
      if (url === '/moved.png') res.writeHead(302, { location: `${inner.origin}/secret.png` }).end();
      else res.end(readFileSync(join(shop, 'assets', 'tee.png')));
    });
    servers.push(inner.server, cdn.server);
    const out = await mockupWith(layer(`${cdn.origin}/tee.png`), { allowOrigins: [cdn.origin] });
    expect(out).to.have.length(2);
    await refusedWith(['asset-origin'], layer(`${cdn.origin}/moved.png`), { allowOrigins: [cdn.origin] });
    expect(inner.hits).to.deep.equal([]);
  });
  it('with an http(s) assetsBase: relative URLs load under it, ../ out of its path and file: are refused', async () => {
    const cdn = await listen((url, res) => {
      const file = join(shop, url.replace(/^\/shop\//, ''));
      if (url.startsWith('/shop/assets/')) res.end(readFileSync(file));
      else res.writeHead(404).end();
    });
    servers.push(cdn.server);
    const base = `${cdn.origin}/shop/`;
    expect(await mockupWith(() => undefined, { assetsBase: base })).to.have.length(2);
    const hits = cdn.hits.length;
    await refusedWith(['asset-outside-base'], layer('../../private/key.png'), { assetsBase: base });
    await refusedWith(['asset-scheme'], layer(`file://${join(dir, 'secret.png')}`), { assetsBase: base });
    expect(cdn.hits.slice(hits).some((u) => u.includes('private'))).to.equal(false);
  });
  it('a missing file says so without the server path', async () => {
    const e = await refusedWith(['asset-unavailable'], layer('missing.png'));
    expect(e.message).to.equal('asset "missing.png" could not be read');
  });
  it('a caller’s loadAsset receives only allowed URLs', async () => {
    const asked: string[] = [];
    const loadAsset = async (url: string) => {
      asked.push(url);
      return new Uint8Array(readFileSync(new URL(url)));
    };
    await mockupWith(() => undefined, { loadAsset });
    expect(asked.every((u) => u.startsWith(`file://${shop}/assets/`))).to.equal(true);
    asked.length = 0;
    await refusedWith(['asset-outside-base'], layer('../../secret.png'), { loadAsset });
    expect(asked.some((u) => u.includes('secret'))).to.equal(false);
  });
});

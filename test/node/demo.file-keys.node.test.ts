import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { loadImage } from '@napi-rs/canvas';
import { makePng } from '../../src/core/files/fixtures.js';
import { multipart, raw, renderDone, signIn, startDemo, teeWithPhoto, type Demo } from './demo.helpers.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * An order's uploads and the files the renderer writes for it share one table and one URL space
 * (/merchant/orders/<id>/files/<key>). A shopper chooses the upload keys: one named like a print
 * file or the preview must neither replace nor shadow the rendered file, nor be replaced by it.
 */
describe('demo: upload keys cannot collide with rendered files', function () {
  this.timeout(120_000);
  let demo: Demo;
  afterEach(async () => demo?.close());

  it('an upload keyed "print-front-chest" stays the shopper’s; the merchant’s print file is the rendered one', async () => {
    demo = await startDemo();
    const png = makePng(1200, 1200);
    const order = await teeWithPhoto(png, 'print-front-chest');
    const form = await multipart({ order: JSON.stringify(order) }, { 'print-front-chest': { bytes: png, name: 'me.png', type: 'image/png' } });
    const placed = await raw(demo.port, 'POST', '/api/orders', { 'content-type': form.contentType }, form.body);
    expect(placed.status, placed.body).to.equal(201);
    const row = await renderDone(demo.store, order.orderId);
    expect([row.render_state, row.render_error]).to.deep.equal(['ready', null]);

    const cookie = await signIn(demo);
    const api = JSON.parse((await raw(demo.port, 'GET', `/api/merchant/orders/${order.orderId}`, { cookie })).body);
    const pngPrint = api.printFiles.find((f: any) => f.format === 'png' && f.area === 'front.chest');
    expect(pngPrint, JSON.stringify(api.printFiles)).to.be.an('object');
    const print = await raw(demo.port, 'GET', pngPrint.url, { cookie });
    expect([print.status, print.headers['content-type']]).to.deep.equal([200, 'image/png']);
    expect(sha(print.bytes)).to.not.equal(sha(png));
    const img = await loadImage(print.bytes);
    expect([img.width, img.height]).to.deep.equal([pngPrint.width, pngPrint.height]);

    // The shopper's upload is still there, under the key the shopper gave it, with the shopper's bytes.
    const upload = await raw(demo.port, 'GET', `/merchant/orders/${order.orderId}/files/print-front-chest`, { cookie });
    expect(upload.status).to.equal(200);
    expect(sha(upload.bytes)).to.equal(sha(png));
    const rows = await demo.store.orderFiles(order.orderId);
    expect(rows.filter((f: any) => f.kind === 'upload').map((f: any) => [f.key, f.sha256])).to.deep.equal([['print-front-chest', sha(png)]]);
    expect(rows.filter((f: any) => f.kind === 'print').map((f: any) => f.key)).to.include.members([pngPrint.url.split('/').pop()]);
    expect(rows.filter((f: any) => f.kind !== 'upload').every((f: any) => f.key.includes('.'))).to.equal(true);
  });

  it('an upload keyed like the preview ("preview.png") is refused with a located issue, nothing stored', async () => {
    demo = await startDemo();
    const png = makePng(1200, 1200);
    // buildOrder refuses such a key in the browser; a hand-made order carries it anyway.
    const order = await teeWithPhoto(png, 'photo-1');
    (order.selections.photo as any).asset.key = 'preview.png';
    const form = await multipart({ order: JSON.stringify(order) }, { 'preview.png': { bytes: png, name: 'me.png', type: 'image/png' } });
    const res = await raw(demo.port, 'POST', '/api/orders', { 'content-type': form.contentType }, form.body);
    expect(res.status).to.equal(422);
    const issue = JSON.parse(res.body).issues.find((i: any) => i.severity === 'error');
    expect(issue.path.slice(0, 2), JSON.stringify(issue)).to.deep.equal(['selections', 'photo']);
    expect(await demo.store.order(order.orderId)).to.equal(undefined);
  });

  it('the store refuses a rendered file keyed like an upload, and writes nothing of that render', async () => {
    demo = await startDemo({ env: { RENDER_IN_PROCESS: '0' } }); // no worker: this test holds the job itself
    const png = makePng(1200, 1200);
    const order = await teeWithPhoto(png, 'photo-1');
    const form = await multipart({ order: JSON.stringify(order) }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
    expect((await raw(demo.port, 'POST', '/api/orders', { 'content-type': form.contentType }, form.body)).status).to.equal(201);
    const claimed = await demo.store.claimJob('test-worker', 30_000, 5);
    expect(claimed.orderId).to.equal(order.orderId);
    const forged = [{ kind: 'print', key: 'photo-1', sha256: sha(png), name: 'x.png', type: 'image/png' }];
    let refused: Error | undefined;
    await demo.store.finishRender(order.orderId, 'test-worker', forged).catch((e: Error) => (refused = e));
    expect(refused?.message).to.match(/print file key "photo-1" is outside its namespace/);
    expect((await demo.store.job(order.orderId)).state).to.equal('rendering');
    expect((await demo.store.orderFiles(order.orderId)).map((f: any) => [f.kind, f.key])).to.deep.equal([['upload', 'photo-1']]);
  });
});

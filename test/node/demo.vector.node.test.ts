/**
 * The demo's merchant inbox offers every print file as PNG, PDF and SVG: rendered by the render worker,
 * listed on one line per print area, downloaded as attachments typed by their bytes.
 */
import { expect } from 'chai';
import { buildOrder } from '../../src/core/index.js';
import { popplerTool } from '../helpers/raster-diff.js';
import { raw, renderDone, signIn, startDemo, tee, type Demo } from './demo.helpers.js';

describe('demo merchant inbox: PNG, PDF and SVG print files', function () {
  this.timeout(120_000);
  let demo: Demo;
  after(async () => demo?.close());

  it('an order placed through the API lists its print file in three formats; each downloads as an attachment of its own type', async () => {
    demo = await startDemo();
    const order = await buildOrder(tee(), { size: 'M', 'front-text': { text: 'Vector tee', font: 'Lobster', color: '#f2c94c' } });
    const placed = await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json' }, JSON.stringify({ order }));
    expect(placed.status, placed.body).to.equal(201);
    expect((await renderDone(demo.store, order.orderId)).render_state).to.equal('ready');
    const cookie = await signIn(demo);
    const inbox = await raw(demo.port, 'GET', '/merchant/', { cookie });
    const base = `/merchant/orders/${order.orderId}/files/print-front-chest`;
    for (const [href, name] of [[`${base}.png`, 'print-front-chest.png'], [`${base}.pdf`, 'print-front-chest.pdf'], [`${base}.svg`, 'print-front-chest.svg']]) {
      expect(inbox.body, name).to.include(`<a href="${href}">${name}</a>`);
    }
    // Only the PNG is shown as a thumbnail.
    expect(inbox.body.match(/<img class="thumb"/g)).to.have.length(1);

    const get = (path: string) => raw(demo.port, 'GET', path, { cookie });
    const pdf = await get(`${base}.pdf`);
    expect([pdf.status, pdf.headers['content-type'], pdf.headers['content-disposition']]).to.deep.equal([200, 'application/pdf', 'attachment; filename="print-front-chest.pdf"']);
    expect(popplerTool('pdfinfo', pdf.bytes)).to.match(/Page size:\s+864 x 1116 pts/);
    expect(popplerTool('pdffonts', pdf.bytes).trim().split('\n')).to.have.length(2);
    const svg = await get(`${base}.svg`);
    expect([svg.status, svg.headers['content-type'], svg.headers['content-disposition']]).to.deep.equal([200, 'image/svg+xml', 'attachment; filename="print-front-chest.svg"']);
    expect(svg.body).to.match(/width="304.8mm" height="393.7mm"/).and.not.match(/<text\b/);
    const png = await get(`${base}.png`);
    expect([png.status, png.headers['content-type'], png.headers['content-disposition']]).to.deep.equal([200, 'image/png', 'attachment; filename="print-front-chest.png"']);
  });
});

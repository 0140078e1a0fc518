import { expect } from 'chai';
import { buildOrder, sha256Hex, verifyOrder } from './index.js';
import { makePng } from './files/fixtures.js';
import { loadExample } from '../../test/fixtures/examples.js';
import { HOSTILE } from '../../test/fixtures/hostile.js';

describe('verifyOrder against hostile uploads', function () {
  this.timeout(60_000);
  for (const h of HOSTILE) {
    it(`refuses ${h.name} with ${h.code}`, async () => {
      const product = await loadExample('classic-tee');
      const good = makePng(1200, 1200);
      const order = JSON.parse(JSON.stringify(await buildOrder(product, { size: 'M', photo: { asset: { key: 'p1', name: 'me.png', type: 'image/png', bytes: good.byteLength, width: 1200, height: 1200, sha256: await sha256Hex(good) }, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 0.4 } } })));
      const bytes = h.bytes();
      // The order claims exactly what the file's bytes would let a careless client claim.
      order.selections.photo.asset = { ...order.selections.photo.asset, bytes: bytes.byteLength, width: h.width, height: h.height, sha256: await sha256Hex(bytes) };
      const r = await verifyOrder(product, order, { p1: bytes });
      expect(r.ok).to.equal(false);
      expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).to.include(h.code);
    });
  }
});

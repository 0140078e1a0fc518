/**
 * Issue 12, item 10, against the demo server: a product published with a catastrophic pattern,
 * then an order whose text makes a backtracking engine run for minutes. The order is answered
 * (refused: the text does not match) at once, and the shop's front page is served meanwhile.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrder } from '../../src/core/index.js';
// @ts-expect-error the demo is plain JavaScript
import { createDemo } from '../../demo/server.mjs';

const root = new URL('../../', import.meta.url).pathname;
const CATASTROPHIC = '^([A-Za-z]+ ?)+$';
const ATTACK = 'abcdefghijklmnopqrstuvwxyzabcde!'; // 31 letters and "!": 106 s with a backtracking engine

describe('demo: a catastrophic merchant pattern', function () {
  this.timeout(20_000);
  let demo: any;
  let origin: string;
  before(async () => {
    demo = await createDemo({ dataDir: mkdtempSync(join(tmpdir(), 'pc-pattern-')), env: { RENDER_IN_PROCESS: '0' } });
    origin = await demo.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(demo.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await demo.app.close();
    await demo.store.close();
  });

  it('an order with the attacking text is answered in < 100 ms while GET / is served', async () => {
    const product = JSON.parse(readFileSync(join(root, 'examples/engraved-bottle.json'), 'utf8'));
    delete product.$schema;
    product.revision = 'pattern-attack';
    product.components[1].pattern = CATASTROPHIC;
    product.components[1].maxLength = 40;
    expect((await demo.store.publish(product, 'Bottle')).ok).to.equal(true);

    const order = JSON.parse(JSON.stringify(await buildOrder(product, { engraving: { text: 'Happy Birthday', font: 'Roboto' } })));
    const post = (text: string) => {
      const body = JSON.stringify({ order: { ...order, selections: { ...order.selections, engraving: { ...order.selections.engraving, text } } } });
      return fetch(`${origin}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    };
    // Warm both routes once, so the timing below is the pattern's and not the first request's.
    await (await fetch(`${origin}/`)).text();
    await (await post('Hi!')).text();

    const timed = async (f: () => Promise<Response>) => {
      const t0 = performance.now();
      const res = await f();
      const body = await res.text();
      return { status: res.status, body, ms: performance.now() - t0 };
    };
    const [attack, page] = await Promise.all([timed(() => post(ATTACK)), timed(() => fetch(`${origin}/`))]);
    expect(attack.status).to.equal(422);
    expect(JSON.parse(attack.body).issues.map((i: { code: string }) => i.code)).to.include('pattern');
    expect(page.status).to.equal(200);
    expect(attack.ms, 'POST /api/orders').to.be.lessThan(100);
    expect(page.ms, 'GET /').to.be.lessThan(100);
  });
});

import { expect } from 'chai';
import { parseProduct } from '../../core/index.js';
import type { Product } from '../../core/index.js';
import { buildScene } from './scene.js';

const asset = (key: string) => ({ asset: { key, name: `${key}.png`, type: 'image/png', bytes: 10, width: 100, height: 100, sha256: '0'.repeat(64) } });

describe('scene: stacking within an area (SPEC §8)', () => {
  it('images lie under texts; among each kind, the component first in the product lies lowest', () => {
    const r = parseProduct({
      schemaVersion: 1, id: 'stack', revision: '1', name: 'Stack', currency: 'EUR', basePrice: 100,
      views: [{ id: 'v', label: 'V', width: 100, height: 100, layers: [], areas: [{ id: 'a', x: 0, y: 0, width: 50, height: 50, print: { width: 2, height: 2, unit: 'in', dpi: 100 } }] }],
      components: [
        { id: 'title', type: 'text', label: 'Title', area: 'v.a' },
        { id: 'back', type: 'image', label: 'Back', area: 'v.a' },
        { id: 'name', type: 'text', label: 'Name', area: 'v.a' },
        { id: 'badge', type: 'image', label: 'Badge', area: 'v.a' },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const scene = buildScene(r.product as Product, { title: 'A', back: asset('k1'), name: 'B', badge: asset('k2') });
    expect(scene.areas[0]!.items.map((i) => i.component)).to.deep.equal(['back', 'badge', 'title', 'name']);
  });
});

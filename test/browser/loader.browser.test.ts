import { expect } from '@open-wc/testing';

/**
 * dist/product-customizer-loader.js: the storefront's way to include the element without delaying the
 * page's first paint. Nothing of the drop-in is fetched while the element is far below the fold; it is
 * fetched and defined when the element comes near the viewport, and the product loads as usual.
 */
const dropinRequests = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/dist/product-customizer.js')).length;
/** Resolves with the first (initial) IntersectionObserver record for `el`: observers deliver in order. */
const observed = (el: Element) =>
  new Promise<IntersectionObserverEntry>((resolve) => {
    const io = new IntersectionObserver((entries) => {
      io.disconnect();
      resolve(entries[0]!);
    });
    io.observe(el);
  });

describe('dist/product-customizer-loader.js', () => {
  it('fetches the drop-in only when the element comes near the viewport, then the element works', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight * 4}px`;
    const el = document.createElement('product-customizer') as HTMLElement & { evaluation: { price: { total: number } } | null };
    el.setAttribute('src', '/examples/engraved-bottle.json');
    el.style.display = 'block';
    el.style.minHeight = '400px';
    document.body.append(spacer, el);
    await import(/* @vite-ignore */ `${location.origin}/dist/product-customizer-loader.js`);

    // The loader's observer saw the element far below the fold (its record comes before ours): nothing fetched.
    const first = await observed(el);
    expect(first.isIntersecting, 'the element starts below the fold').to.equal(false);
    expect(customElements.get('product-customizer')).to.equal(undefined);
    expect(dropinRequests(), 'drop-in requests before scrolling').to.equal(0);

    // Scrolled into view: the drop-in is imported, defines the element, which loads its product.
    const loaded = new Promise((r) => el.addEventListener('customizer-load', r, { once: true }));
    el.scrollIntoView();
    await customElements.whenDefined('product-customizer');
    await loaded;
    expect(dropinRequests()).to.equal(1);
    expect(el.evaluation!.price.total).to.equal(3200);
    el.remove();
    spacer.remove();
  });
});

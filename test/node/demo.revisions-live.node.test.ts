import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { startDemo, tee, type Demo } from './demo.helpers.js';

/**
 * The merchant's products page lists the published revisions, rendered with the page; the studio on
 * that page publishes with fetch. The list follows a studio Publish without a reload (a served
 * script: the Content-Security-Policy allows no inline one), and the page is never cached.
 */
describe('demo: the products page’s published revisions follow a studio Publish', function () {
  this.timeout(120_000);
  let demo: Demo;
  let browser: Browser;
  before(async () => {
    demo = await startDemo();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a Publish in the studio adds its row to the table, without a reload; the page is sent with Cache-Control: no-store', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.text().startsWith('published revisions:') && errors.push(m.text()));
    await page.goto(`${demo.origin}/merchant/login`);
    await page.getByLabel('Username').fill(demo.creds.username);
    await page.getByLabel('Password').fill(demo.creds.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${demo.origin}/merchant/`);
    const res = await page.goto(`${demo.origin}/merchant/products`);
    expect(res!.headers()['cache-control']).to.equal('no-store');
    const rows = page.locator('h2:has-text("Published revisions") + table tbody tr');
    const before = await rows.count();
    expect(await rows.filter({ hasText: 'live-1' }).count()).to.equal(0);

    await page.waitForFunction(() => customElements.get('product-customizer-studio'));
    const product = { ...tee(), revision: 'live-1' };
    delete product.$schema;
    await page.evaluate((p) => ((document.querySelector('product-customizer-studio') as any).product = p), product);
    const studio = page.locator('product-customizer-studio');
    await studio.getByRole('button', { name: 'Publish' }).click();
    await studio.getByText('Published revision live-1.').waitFor();
    // The page was not reloaded: the row arrives in the table rendered with it.
    const row = rows.filter({ hasText: 'live-1' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).to.deep.equal(['classic-tee', 'live-1', 'Classic Tee', (await demo.store.revision('classic-tee', 'live-1')).published_at, 'JSON']);
    expect(await row.getByRole('link', { name: 'JSON' }).getAttribute('href')).to.equal('/products/classic-tee/r/live-1/product.json');
    expect(await rows.count()).to.equal(before + 1);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).to.equal(1);
    expect(errors).to.deep.equal([]);
    await ctx.close();
  });
});

#!/usr/bin/env node
// Screenshots of each demo page (shop, product, cart, thank-you, merchant inbox and products) into
// docs/screenshots/demo-*.png, driving the real demo as a shopper and the merchant would.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-shots-')) } });
let out = '';
const { base, user, pass } = await new Promise((resolve) => server.stdout.on('data', (d) => {
  out += d;
  const m = /demo shop: (http:\/\/\S+?)\/?\n[\s\S]*username: (\S+)\s+password: (\S+)/.exec(out);
  if (m) resolve({ base: m[1], user: m[2], pass: m[3] });
}));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const shot = async (page, name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(root, 'docs/screenshots', `demo-${name}.png`), fullPage: true });
  console.log(`docs/screenshots/demo-${name}.png`);
};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/`);
  await shot(page, 'shop');
  await page.goto(`${base}/products/classic-tee`);
  await page.waitForFunction(() => document.querySelector('product-customizer')?.evaluation);
  await page.getByRole('radio', { name: /^Heather/ }).check();
  await page.getByRole('radio', { name: /^L$/ }).check();
  await page.getByRole('textbox', { name: /Front text/ }).fill('Weekend Crew');
  await page.getByRole('slider', { name: /Text size/ }).first().fill('48');
  await page.getByRole('textbox', { name: /Back number/ }).fill('7');
  await shot(page, 'product');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL(`${base}/cart`);
  await page.locator('img.thumb').waitFor();
  await shot(page, 'cart');
  await page.getByRole('button', { name: 'Check out' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  await shot(page, 'thanks');
  await page.goto(`${base}/merchant/login`);
  await shot(page, 'merchant-login');
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/merchant/`);
  await shot(page, 'merchant-orders');
  await page.goto(`${base}/merchant/products`);
  await page.waitForFunction(() => customElements.get('product-customizer-studio'));
  await page.evaluate(async () => {
    const studio = document.querySelector('product-customizer-studio');
    studio.product = await (await fetch('/products/classic-tee/r/2026-11-01/product.json')).json();
  });
  await shot(page, 'merchant-products');
} finally {
  await browser.close();
  server.kill();
}

#!/usr/bin/env node
// Screenshots of the element on the demo page for each example, desktop and phone width:
// node scripts/screenshots.mjs  →  docs/screenshots/element-<product>[-<view>]-<width>.png
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = spawn(process.execPath, ['scripts/serve-static.mjs'], { cwd: root, env: { ...process.env, PORT: '0' } });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = /http:\/\/\S+/.exec(String(d));
    if (m) resolve(m[0]);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});

/** What a shopper might have done on each product before the picture. */
const scenes = {
  'classic-tee': async (page) => {
    await page.getByRole('radio', { name: /^Navy/ }).check();
    await page.getByRole('radio', { name: /^M$/ }).check();
    await page.getByRole('textbox', { name: /Front text/ }).fill('Good Vibes');
    // Select the text on the canvas, so the picture shows the handles.
    await page.waitForTimeout(300);
    const b = await page.locator('product-customizer .stage canvas').last().boundingBox();
    await page.mouse.click(b.x + b.width * 0.5, b.y + b.height * 0.4);
  },
  // The tee's second view: its back number.
  'classic-tee#back': async (page) => {
    await page.getByRole('radio', { name: /^Black/ }).check();
    await page.getByRole('textbox', { name: /Back number/ }).fill('23');
    await page.locator('[data-component="back-number"] input[type=radio]').nth(1).check(); // white
    await page.getByRole('tab', { name: 'Back' }).click();
  },
  'engraved-bottle': async (page) => {
    await page.getByRole('radio', { name: /^Sage/ }).check();
    await page.getByRole('textbox', { name: /Engraving/ }).fill('Adventure awaits');
    await page.getByRole('switch', { name: /Gift box/ }).check();
  },
  'name-necklace': async (page) => {
    await page.getByRole('radio', { name: /^18k gold/ }).check();
    await page.getByRole('textbox', { name: /Name/ }).fill('Zoë');
    await page.getByRole('checkbox', { name: /^Heart/ }).check();
  },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  mkdirSync(`${root}/docs/screenshots`, { recursive: true });
  for (const [scene, act] of Object.entries(scenes)) {
    const [product, view] = scene.split('#');
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: width < 500 ? 2 : 1 });
      await page.goto(`${url}?product=${product}`);
      await page.waitForFunction(() => document.querySelector('product-customizer')?.evaluation);
      await act(page);
      await page.waitForTimeout(300);
      const file = `docs/screenshots/element-${product}${view ? `-${view}` : ''}-${width}.png`;
      await page.screenshot({ path: `${root}/${file}`, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}

#!/usr/bin/env node
// Screenshots of the element on the demo page for each example, desktop and phone width:
// node scripts/screenshots.mjs [product…]  →  docs/screenshots/element-<product>[-<view>]-<width>.png
// (products named: only their scenes)
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createCanvas } from '@napi-rs/canvas';
import { tsImport } from 'tsx/esm/api';

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
  // Curved text on the round pet tag written from SPEC (test/fixtures/pet-tag.ts): the name arched
  // over the top (its default curve), the phone line straight beneath it.
  'pet-tag': async (page) => {
    await page.getByRole('textbox', { name: /Pet’s name/ }).fill('Biscuit');
    await place(page, 'name', ['Shift+ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp']);
    await page.getByRole('textbox', { name: /Phone/ }).fill('555 0100');
    await place(page, 'phone', ['Shift+ArrowDown', 'Shift+ArrowDown']);
    // Select the bent name on the canvas: its box and handles follow the arc.
    await page.waitForTimeout(300);
    const b = await page.locator('product-customizer .stage canvas').last().boundingBox();
    await page.mouse.click(b.x + b.width * 0.5, b.y + b.height * 0.33);
  },
  // The name bent downward along the bottom edge, typed into the curve's number field.
  'pet-tag#below': async (page) => {
    await page.getByRole('textbox', { name: /Pet’s name/ }).fill('Luna & Milo');
    await page.getByRole('spinbutton', { name: 'Curve in degrees' }).fill('-110');
    await page.getByRole('spinbutton', { name: 'Curve in degrees' }).press('Enter');
    await place(page, 'name', ['Shift+ArrowDown', 'Shift+ArrowDown']);
    await page.getByRole('textbox', { name: /Phone/ }).fill('555 0100');
    await place(page, 'phone', ['Shift+ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp']);
  },
  'name-necklace': async (page) => {
    await page.getByRole('radio', { name: /^18k gold/ }).check();
    await page.getByRole('textbox', { name: /Name/ }).fill('Zoë');
    await page.getByRole('checkbox', { name: /^Heart/ }).check();
  },
};

/** Moves a placed text with its keyboard twin (the placement box under its field). */
async function place(page, component, keys) {
  const box = page.locator(`product-customizer [data-component="${component}"] .placement`);
  for (const key of keys) await box.press(key);
}

/** The pet tag is a test fixture, not a shared example: served to the page from here. */
const { petTagProduct } = await tsImport('../test/fixtures/pet-tag.ts', import.meta.url);
async function servePetTag(page) {
  await page.route('**/examples/pet-tag.json', (route) => route.fulfill({ json: petTagProduct('pet-tag.png', '/examples/assets/') }));
  await page.route('**/examples/assets/pet-tag.png', async (route) => route.fulfill({ contentType: 'image/png', body: await tagPhoto() }));
}
/** A brushed brass tag with a rim and a ring hole, 800 × 800 (the view is 400 × 400). */
async function tagPhoto() {
  const c = createCanvas(800, 800);
  const g = c.getContext('2d');
  g.fillStyle = '#f1efe9';
  g.fillRect(0, 0, 800, 800);
  g.shadowColor = 'rgba(0,0,0,0.25)';
  g.shadowBlur = 30;
  g.shadowOffsetY = 12;
  const disc = g.createRadialGradient(330, 300, 40, 400, 400, 390);
  disc.addColorStop(0, '#f6e3a8');
  disc.addColorStop(0.55, '#d9b462');
  disc.addColorStop(1, '#a67c2e');
  g.fillStyle = disc;
  g.beginPath();
  g.arc(400, 400, 380, 0, Math.PI * 2);
  g.fill();
  g.shadowColor = 'transparent';
  for (let i = 0; i < 900; i++) {
    const y = 20 + ((i * 7919) % 760);
    g.strokeStyle = `rgba(255,255,255,${0.03 + ((i * 31) % 7) / 200})`;
    g.beginPath();
    g.moveTo(20, y);
    g.lineTo(780, y + ((i % 5) - 2));
    g.stroke();
  }
  g.globalCompositeOperation = 'destination-in';
  g.beginPath();
  g.arc(400, 400, 380, 0, Math.PI * 2);
  g.fill();
  g.globalCompositeOperation = 'destination-over';
  g.fillStyle = '#f1efe9';
  g.fillRect(0, 0, 800, 800);
  g.globalCompositeOperation = 'source-over';
  g.lineWidth = 10;
  g.strokeStyle = 'rgba(120,84,20,0.55)';
  g.beginPath();
  g.arc(400, 400, 352, 0, Math.PI * 2);
  g.stroke();
  g.fillStyle = '#f1efe9';
  g.beginPath();
  g.arc(400, 70, 22, 0, Math.PI * 2);
  g.fill();
  g.lineWidth = 4;
  g.strokeStyle = 'rgba(90,60,10,0.6)';
  g.stroke();
  return c.encode('png');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  mkdirSync(`${root}/docs/screenshots`, { recursive: true });
  const only = process.argv.slice(2);
  for (const [scene, act] of Object.entries(scenes)) {
    const [product, view] = scene.split('#');
    if (only.length && !only.includes(product)) continue;
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: width < 500 ? 2 : 1 });
      if (product === 'pet-tag') await servePetTag(page);
      await page.goto(`${url}?product=${product}`);
      await page.waitForFunction(() => document.querySelector('product-customizer')?.evaluation);
      await act(page);
      // The preview is drawn once the element is in view and the page idle: wait for it, not a timer.
      await page.evaluate(() => document.querySelector('product-customizer').previewComplete);
      // From the top: on a phone the preview is sticky, and a full-page picture of a scrolled page shows it mid-way.
      await page.evaluate(() => scrollTo(0, 0));
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

#!/usr/bin/env node
/**
 * Makes the storefront's product photos (committed; rerun only to change them): the Classic Tee
 * shot on a studio backdrop with grain, as a shop's camera would give it, so the JPEGs weigh what
 * a real product photo does (Dawn serves 1 to 2 hundred KB at these widths).
 *   node bench/storefront/make-images.mjs
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const tee = await loadImage(here('../../examples/assets/tee.png'));
const back = await loadImage(here('../../examples/assets/tee-back.png'));

/** A deterministic pseudo-random grain so the files are the same on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function shot(img, tint, size, seed) {
  const c = createCanvas(size, size);
  const ctx = c.getContext('2d');
  const g = ctx.createRadialGradient(size * 0.5, size * 0.4, size * 0.1, size * 0.5, size * 0.5, size * 0.8);
  g.addColorStop(0, '#f4f1ec');
  g.addColorStop(1, '#cfc8bd');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, size, size);
  // Garment, tinted like the photo of a coloured shirt.
  const h = size * 0.9;
  const w = (h * img.width) / img.height;
  const t = createCanvas(Math.round(w), Math.round(h));
  const tc = t.getContext('2d');
  tc.drawImage(img, 0, 0, w, h);
  tc.globalCompositeOperation = 'multiply';
  tc.fillStyle = tint;
  tc.fillRect(0, 0, w, h);
  tc.globalCompositeOperation = 'destination-in';
  tc.drawImage(img, 0, 0, w, h);
  ctx.shadowColor = 'rgba(0,0,0,0.25)';
  ctx.shadowBlur = size * 0.03;
  ctx.shadowOffsetY = size * 0.015;
  ctx.drawImage(t, (size - w) / 2, (size - h) / 2);
  ctx.shadowColor = 'transparent';
  // Sensor grain.
  const data = ctx.getImageData(0, 0, size, size);
  const r = rng(seed);
  for (let i = 0; i < data.data.length; i += 4) {
    const n = (r() - 0.5) * 18;
    data.data[i] += n;
    data.data[i + 1] += n;
    data.data[i + 2] += n;
  }
  ctx.putImageData(data, 0, 0);
  return c;
}

const photos = [
  ['tee-navy', tee, '#2a3656'],
  ['tee-navy-back', back, '#2a3656'],
  ['tee-heather', tee, '#b9b9b4'],
  ['tee-black', tee, '#2b2b2b'],
];
for (const [name, img, tint] of photos) {
  // The hero is the only photo shown large on load; the others appear as thumbnails.
  for (const size of name === 'tee-navy' ? [600, 1200] : [600]) {
    const jpeg = await shot(img, tint, size, size + name.length).encode('jpeg', 80);
    writeFileSync(here(`images/${name}-${size}.jpg`), jpeg);
    console.log(`images/${name}-${size}.jpg ${(jpeg.length / 1024).toFixed(0)} KB`);
  }
}

#!/usr/bin/env node
// Makes the app's icons in public/ from public/icon.svg, drawn by Chromium: the PNGs a
// browser or a phone asks for (apple-touch-icon, 192 and 512 for the web manifest) and
// favicon.ico (16, 32 and 48 px PNGs in an ICO container). Run after changing icon.svg:
//   node scripts/make-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from './lib/bench-harness.mjs';

const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await launchChromium();
const page = await browser.newPage();
async function png(size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
for (const [name, size] of [['apple-touch-icon.png', 180], ['icon-192.png', 192], ['icon-512.png', 512]]) {
  writeFileSync(`public/${name}`, await png(size));
  console.log(`public/${name}`);
}
// ICO: a 6-byte header, a 16-byte entry per image, then the PNGs themselves.
const images = [];
for (const size of [16, 32, 48]) images.push({ size, data: await png(size) });
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = 6 + 16 * images.length;
const entries = images.map(({ size, data }) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(size, 0);
  e.writeUInt8(size, 1);
  e.writeUInt8(0, 2);
  e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4);
  e.writeUInt16LE(32, 6);
  e.writeUInt32LE(data.length, 8);
  e.writeUInt32LE(offset, 12);
  offset += data.length;
  return e;
});
writeFileSync('public/favicon.ico', Buffer.concat([header, ...entries, ...images.map((i) => i.data)]));
console.log('public/favicon.ico');
await browser.close();

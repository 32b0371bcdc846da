// Full-page screenshots of built pages, for looking at the site as a reader.
//   node tests/browser/screenshots.mjs [site-dir] [out-dir] [page ...]
// Pages are paths under site-dir (default: index.html); each is shot at
// 360, 768 and 1440 px wide in the light and dark colour schemes.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const site = path.resolve(process.argv[2] || 'public');
const out = path.resolve(process.argv[3] || '/tmp/shots');
const pages = process.argv.slice(4);
if (pages.length === 0) pages.push('index.html');
const widths = (process.env.WIDTHS || '360,768,1440').split(',').map(Number);
const schemes = (process.env.SCHEMES || 'light,dark').split(',');

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const p of pages) {
    const name = path.basename(p.replace(/\/?index\.html$/, '').replace(/\.html$/, '')) || 'home';
    for (const width of widths) {
      for (const colorScheme of schemes) {
        const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await ctx.newPage();
        await page.goto(pathToFileURL(path.join(site, p)).href);
        const file = path.join(out, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: process.env.FULL !== '0' });
        const tile = Number(process.env.TILE || 0);
        if (tile > 0) {
          const h = await page.evaluate(() => document.documentElement.scrollHeight);
          for (let y = 0, i = 1; y < h; y += tile, i++) {
            await page.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true,
              clip: { x: 0, y, width, height: Math.min(tile, h - y) } });
          }
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ''}`);
        await ctx.close();
      }
    }
  }
} finally {
  await browser.close();
}

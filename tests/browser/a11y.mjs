// Accessibility and page-structure checks for a built site, in headless Chromium.
//
//   node tests/browser/a11y.mjs [site-dir]        (default: public)
//
// Serves site-dir on 127.0.0.1 and, for every *.html page in it:
//   - runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the light and dark
//     colour schemes, at 360 px and 1440 px wide, and again with the
//     disclosures it shows (the contents on narrow screens) open;
//   - checks that the page does not scroll sideways at 360 px;
//   - checks one h1, no skipped heading level, <html lang>, alt and
//     width/height on every img, local links that lead to existing files
//     and ids, no request to a non-local URL, and that the h1 shows with
//     JavaScript disabled.
// Prints "ok - ..." / "not ok - ..." per check, details as "#" lines, and
// ends with "N passed, N failed"; exits 1 when a check failed.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveSite, siteFile } from './site-server.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = ['light', 'dark'];
const WIDTHS = [360, 1440];
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const site = path.resolve(process.argv[2] || 'public');
let passed = 0;
let failed = 0;

function report(ok, name, details = []) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}`);
  if (!ok) for (const d of details) console.log(`#   ${d}`);
}

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

function describeViolation(v) {
  const lines = [`${v.id} (${v.impact}): ${v.help}`];
  for (const n of v.nodes.slice(0, 5)) {
    lines.push(`  at ${n.target.join(' ')}`);
    const why = (n.any[0] || n.all[0] || n.none[0]);
    if (why && why.message) lines.push(`    ${why.message}`);
  }
  if (v.nodes.length > 5) lines.push(`  and ${v.nodes.length - 5} more`);
  return lines;
}

// The WCAG A/AA violations axe finds in the page as it is now.
function runAxe(page) {
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, any: n.any, all: n.all, none: n.none })),
    }));
  }, AXE_TAGS);
}

// Facts about the page's structure, read in the page.
function pageFacts() {
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60) }));
  const imgs = [...document.images].map((i) => ({
    src: i.getAttribute('src'), alt: i.hasAttribute('alt'),
    width: i.hasAttribute('width'), height: i.hasAttribute('height'),
  }));
  const refs = [...document.querySelectorAll('a[href], link[href], img[src], script[src], source[src], form[action]')]
    .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action'));
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    headings, imgs, refs, ids,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}

async function main() {
  if (!fs.existsSync(site)) {
    report(false, `site folder ${site} exists`);
    return;
  }
  const pages = htmlFiles(site).map((f) => path.relative(site, f).split(path.sep).join('/'));
  if (pages.length === 0) {
    report(false, `${site} holds HTML pages`);
    return;
  }
  const server = await serveSite(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  const idsByPage = new Map();
  const factsByPage = new Map();
  try {
    for (const rel of pages) {
      const url = `${origin}/${rel}`;
      const foreign = new Set();
      const watch = async (ctx) => {
        await ctx.route((u) => !u.href.startsWith(origin + '/') && !u.href.startsWith('data:'), (route) => {
          foreign.add(route.request().url());
          return route.abort();
        });
      };
      for (const colorScheme of SCHEMES) {
        for (const width of WIDTHS) {
          const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
          await watch(ctx);
          const page = await ctx.newPage();
          const label = `${rel} (${colorScheme}, ${width}px)`;
          try {
            const resp = await page.goto(url, { waitUntil: 'load' });
            if (!resp || !resp.ok()) throw new Error(`HTTP ${resp ? resp.status() : 'no response'}`);
            await page.evaluate(AXE_SOURCE);
            const result = await runAxe(page);
            report(result.length === 0, `axe finds no WCAG A/AA violation: ${label}`, result.flatMap(describeViolation));
            // Folding parts of the page (the contents on narrow screens), open.
            const folded = await page.evaluate(() => {
              const closed = [...document.querySelectorAll('details:not([open])')].filter((d) => d.getClientRects().length > 0);
              closed.forEach((d) => { d.open = true; });
              return closed.length;
            });
            if (folded > 0) {
              const opened = await runAxe(page);
              report(opened.length === 0, `axe finds no WCAG A/AA violation with its disclosures open: ${label}`,
                opened.flatMap(describeViolation));
              await page.evaluate(() => document.querySelectorAll('details[open]').forEach((d) => { d.open = false; }));
            }
            const facts = await page.evaluate(pageFacts);
            if (width === 360) {
              report(facts.overflow <= 0, `no sideways scrolling at 360px: ${rel} (${colorScheme})`,
                facts.overflow > 0 ? [`the page is ${facts.overflow}px wider than the viewport`] : []);
            }
            if (!factsByPage.has(rel)) factsByPage.set(rel, facts);
          } catch (e) {
            report(false, `axe runs: ${label}`, [String(e.message || e).split('\n')[0]]);
          }
          await ctx.close();
        }
      }

      // JavaScript disabled: the content is still there.
      {
        const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
        await watch(ctx);
        const page = await ctx.newPage();
        let ok = false;
        let why = [];
        try {
          await page.goto(url, { waitUntil: 'load' });
          const h1 = page.locator('h1').first();
          ok = (await h1.count()) > 0 && (await h1.isVisible()) && (await h1.innerText()).trim() !== '';
          if (!ok) why = ['no visible, non-empty h1'];
        } catch (e) {
          why = [String(e.message || e).split('\n')[0]];
        }
        report(ok, `shows its h1 with JavaScript disabled: ${rel}`, why);
        await ctx.close();
      }

      report(foreign.size === 0, `requests nothing but local files: ${rel}`, [...foreign].map((u) => `requested ${u}`));

      const facts = factsByPage.get(rel);
      if (!facts) continue;
      idsByPage.set(rel, new Set(facts.ids));

      report(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(facts.lang), `html has a lang attribute: ${rel}`,
        facts.lang ? [`lang="${facts.lang}" is not a language tag`] : ['lang is missing or empty']);

      const h1s = facts.headings.filter((h) => h.level === 1);
      report(h1s.length === 1, `has exactly one h1: ${rel}`,
        h1s.length === 1 ? [] : [`${h1s.length} h1 elements${h1s.length ? ': ' + h1s.map((h) => h.text).join(' | ') : ''}`]);

      const skips = [];
      let prev = 0;
      for (const h of facts.headings) {
        if (h.level > prev + 1) skips.push(`h${h.level} "${h.text}" follows ${prev ? 'h' + prev : 'the start of the page'}`);
        prev = h.level;
      }
      report(skips.length === 0, `headings skip no level: ${rel}`, skips);

      const badImgs = facts.imgs.filter((i) => !i.alt || !i.width || !i.height)
        .map((i) => `${i.src}: ${[!i.alt && 'no alt', !i.width && 'no width', !i.height && 'no height'].filter(Boolean).join(', ')}`);
      report(badImgs.length === 0, `every img has alt, width and height: ${rel}`, badImgs);
    }

    // Local links lead to files that exist, and fragments to ids that exist.
    for (const rel of pages) {
      const facts = factsByPage.get(rel);
      if (!facts) continue;
      const base = new URL(`${origin}/${rel}`);
      const broken = [];
      for (const ref of new Set(facts.refs)) {
        if (ref === '' || /^(mailto|tel|data|javascript):/i.test(ref)) continue;
        const u = new URL(ref, base);
        if (u.origin !== origin) continue;
        const file = siteFile(site, u.pathname);
        if (!file) { broken.push(`${ref}: no such file`); continue; }
        if (u.hash.length > 1 && file.endsWith('.html')) {
          const target = path.relative(site, file).split(path.sep).join('/');
          const ids = idsByPage.get(target);
          const id = decodeURIComponent(u.hash.slice(1));
          if (ids && !ids.has(id)) broken.push(`${ref}: no element with id "${id}" in ${target}`);
        }
      }
      report(broken.length === 0, `local links and sources resolve: ${rel}`, broken);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  await main();
} catch (e) {
  report(false, 'browser checks ran to the end', [String(e.stack || e)]);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Finding one's way in a long page (issue #25), in headless Chromium.
//
//   node tests/browser/wayfinding.mjs [site-dir]        (default: public)
//
// Serves site-dir on 127.0.0.1 and, on every resource page and the pages of
// its patterns, checks as a reader would:
//   - the contents: a navigation landmark named "On this page" whose links
//     lead, in document order, to every h2 section after it; at 360 px a
//     closed disclosure that opens; the same links at both widths;
//   - every h2 and h3 with an id links to itself, with the heading's text
//     as the link's accessible name;
//   - the keyboard: Tab goes in document order through the contents and
//     the heading links, and each shows a focus indicator; at 360 px the
//     disclosure opens from the keyboard;
//   - JavaScript on: scrolling marks the section in view with
//     aria-current="location" (up and down), nothing above the first;
//     JavaScript off: the contents still lead to their sections;
//   - back to top: in the flow of the page at 360 px (nothing fixed over
//     the text), and it leads to the top;
//   - previous and next between patterns, in the order of the resource's
//     pattern list, with rel="prev"/"next" and the titles; none before the
//     first or after the last;
//   - print: the contents, back-to-top links and the pager are hidden.
// Prints "ok - ..." / "not ok - ..." per check, details as "#" lines, and
// ends with "N passed, N failed"; exits 1 when a check failed.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { serveSite } from './site-server.mjs';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const CONTENTS = 'On this page';
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 360, height: 800 };

const site = path.resolve(process.argv[2] || 'public');
let passed = 0;
let failed = 0;

function report(ok, name, details = []) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - wayfinding: ${name}`);
  if (!ok) for (const d of details.slice(0, 12)) console.log(`#   ${d}`);
}

// The site paths of the resource pages: resources/<r>/index.html.
function resourcePages() {
  const dir = path.join(site, 'resources');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.html')))
    .map((e) => `/resources/${e.name}/`).sort();
}

// ---- facts read in the page ----

// The contents' links as {href, target index in document order, text}, and
// the h2 that follow the contents, each with the link that leads to it.
function contentsFacts(name) {
  const all = [...document.querySelectorAll('*')];
  const order = new Map(all.map((e, i) => [e, i]));
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const navs = [...document.querySelectorAll('nav')].filter((n) => {
    const by = n.getAttribute('aria-labelledby');
    const label = by ? by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ')
      : n.getAttribute('aria-label') || '';
    return label.trim() === name && visible(n);
  });
  if (navs.length !== 1) return { navs: navs.length };
  const nav = navs[0];
  const details = nav.querySelector('details');
  const links = [...nav.querySelectorAll('a[href^="#"]')].filter((a) => a.getAttribute('href') !== '#top');
  const items = links.map((a) => {
    const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
    return { href: a.getAttribute('href'), text: a.textContent.trim(), at: target ? order.get(target) : -1 };
  });
  const targets = links.map((a) => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))));
  // Every h2 after the contents, in a section the contents lead to.
  const unlisted = [...document.querySelectorAll('main h2')]
    .filter((h) => order.get(h) > order.get(nav) && visible(h))
    .filter((h) => !targets.some((t) => t && (t === h || (t.contains(h) && t.querySelector('h2') === h))))
    .map((h) => h.textContent.trim());
  return { navs: 1, items, unlisted, hasDetails: !!details, open: details ? details.open : null };
}

// Headings with an id in main: their id, text, and the self link's href.
function headingFacts() {
  return [...document.querySelectorAll('main :is(h2, h3)[id]')]
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => {
      const self = [...h.querySelectorAll('a[href]')].find((a) => a.getAttribute('href') === `#${h.id}`);
      return { id: h.id, text: h.textContent.replace(/\s+/g, ' ').trim(), self: !!self };
    });
}

// ---- the checks ----

async function checkContents(browser, origin, url, label) {
  const wide = await browser.newPage({ viewport: WIDE });
  await wide.goto(origin + url, { waitUntil: 'load' });
  const w = await wide.evaluate(contentsFacts, CONTENTS);
  report(w.navs === 1, `one contents landmark named "${CONTENTS}" at 1440px: ${label}`, [`${w.navs} found`]);
  if (w.navs === 1) {
    const missing = w.items.filter((i) => i.at < 0).map((i) => `${i.href}: no such id`);
    report(w.items.length >= 3 && missing.length === 0, `the contents lead to sections of the page: ${label}`,
      [...missing, `${w.items.length} entries`]);
    const disorder = w.items.filter((i, k) => k > 0 && i.at <= w.items[k - 1].at).map((i) => `${i.href} comes too early`);
    report(disorder.length === 0, `the contents are in document order: ${label}`, disorder);
    report(w.unlisted.length === 0, `the contents list every h2 section: ${label}`, w.unlisted.map((t) => `missing: ${t}`));
  }
  await wide.close();

  const narrow = await browser.newPage({ viewport: NARROW });
  await narrow.goto(origin + url, { waitUntil: 'load' });
  const n = await narrow.evaluate(contentsFacts, CONTENTS);
  report(n.navs === 1 && n.hasDetails && n.open === false, `at 360px the contents are a closed disclosure: ${label}`,
    [`${n.navs} landmarks, details: ${n.hasDetails}, open: ${n.open}`]);
  if (n.navs === 1 && n.hasDetails) {
    const nav = narrow.getByRole('navigation', { name: CONTENTS });
    const first = nav.getByRole('link').first();
    const hiddenBefore = !(await first.isVisible());
    await nav.locator('summary').click();
    const shownAfter = await first.isVisible();
    report(hiddenBefore && shownAfter, `at 360px the contents open on a click: ${label}`,
      [`links hidden before: ${hiddenBefore}, shown after: ${shownAfter}`]);
    const same = w.navs === 1 && JSON.stringify((await narrow.evaluate(contentsFacts, CONTENTS)).items.map((i) => i.href)) ===
      JSON.stringify(w.items.map((i) => i.href));
    report(same, `the contents are the same at 360px and 1440px: ${label}`);
  }
  await narrow.close();
}

async function checkHeadingLinks(browser, origin, url, label) {
  const page = await browser.newPage({ viewport: WIDE });
  await page.goto(origin + url, { waitUntil: 'load' });
  const headings = await page.evaluate(headingFacts);
  const bad = [];
  for (const h of headings) {
    if (!h.self) {
      bad.push(`#${h.id} "${h.text}": no link to itself`);
      continue;
    }
    const snapshot = await page.locator(`[id="${h.id}"] a[href="#${h.id}"]`).first().ariaSnapshot();
    const m = /- link "((?:[^"\\]|\\.)*)"/.exec(snapshot);
    const name = m ? JSON.parse(`"${m[1]}"`) : '';
    if (name !== h.text || name === '#') bad.push(`#${h.id}: the link is named "${name}", the heading "${h.text}"`);
  }
  report(headings.length > 0 && bad.length === 0,
    `every h2 and h3 with an id links to itself, named by its text (${headings.length}): ${label}`, bad);
  await page.close();
}

// Tabs through the whole page; returns the focused elements in order.
async function tabThrough(page, limit) {
  await page.evaluate(() => {
    [...document.querySelectorAll('*')].forEach((e, i) => { e.dataset.wfOrder = String(i); });
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      return {
        order: Number(e.dataset.wfOrder), text: (e.textContent || '').trim().slice(0, 50),
        href: e.getAttribute('href'), visible: outline || shadow,
        contents: !!e.closest('nav') && /On this page/.test(e.closest('nav').textContent) && !!e.closest('ol'),
        heading: !!e.closest('h2, h3') && e.getAttribute('href') === `#${e.closest('h2, h3').id}`,
      };
    });
    if (!f || (seen.length && f.order === seen[0].order)) break;
    seen.push(f);
  }
  return seen;
}

async function checkKeyboard(browser, origin, url, label) {
  const page = await browser.newPage({ viewport: WIDE });
  await page.goto(origin + url, { waitUntil: 'load' });
  const expected = await page.evaluate(() => {
    const shown = (e) => e.getClientRects().length > 0;
    const contents = [...document.querySelectorAll('nav')].filter((n) => shown(n) && /On this page/.test(n.textContent))
      .flatMap((n) => [...n.querySelectorAll('ol a')]).length;
    const headings = [...document.querySelectorAll(':is(h2, h3)[id]')].filter(shown)
      .filter((h) => h.querySelector(`a[href="#${CSS.escape(h.id)}"]`)).length;
    return { contents, headings };
  });
  const seen = await tabThrough(page, 600);
  const disorder = seen.filter((f, i) => i > 0 && f.order <= seen[i - 1].order).map((f) => `"${f.text}" is reached out of order`);
  report(seen.length > 0 && disorder.length === 0, `Tab follows document order: ${label}`, disorder);
  const contents = seen.filter((f) => f.contents);
  const headings = seen.filter((f) => f.heading);
  report(contents.length === expected.contents && contents.length > 0,
    `Tab reaches every contents link (${contents.length} of ${expected.contents}): ${label}`);
  report(headings.length === expected.headings && headings.length > 0,
    `Tab reaches every heading link (${headings.length} of ${expected.headings}): ${label}`);
  const unseen = [...contents, ...headings].filter((f) => !f.visible).map((f) => `no focus indicator on "${f.text}"`);
  report(unseen.length === 0, `focus is visible on the contents and heading links: ${label}`, unseen);
  await page.close();

  // Narrow: the disclosure opens from the keyboard, and Tab then enters it.
  const narrow = await browser.newPage({ viewport: NARROW });
  await narrow.goto(origin + url, { waitUntil: 'load' });
  const summary = narrow.getByRole('navigation', { name: CONTENTS }).locator('summary');
  let reached = false;
  let opened = false;
  let entered = false;
  let shown = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await narrow.keyboard.press('Tab');
    reached = await summary.evaluate((s) => document.activeElement === s);
  }
  if (reached) {
    shown = await summary.evaluate((s) => {
      const c = getComputedStyle(s);
      return (c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0) || c.boxShadow !== 'none';
    });
    await narrow.keyboard.press('Enter');
    opened = await summary.evaluate((s) => s.parentElement.open);
    await narrow.keyboard.press('Tab');
    entered = await summary.evaluate((s) => s.parentElement.contains(document.activeElement) &&
      document.activeElement.tagName === 'A');
  }
  report(reached && shown && opened && entered,
    `at 360px Tab reaches the contents, Enter opens them and Tab enters them: ${label}`,
    [`reached: ${reached}, focus shown: ${shown}, opened: ${opened}, entered: ${entered}`]);
  await narrow.close();
}

// The marked entries: for each copy of the contents, the hrefs marked
// current (with the value of aria-current).
function marked() {
  return [...document.querySelectorAll('nav')].filter((n) => /On this page/.test(n.textContent))
    .map((n) => [...n.querySelectorAll('a[aria-current]')].map((a) => `${a.getAttribute('href')}=${a.getAttribute('aria-current')}`));
}

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(60);
}

async function checkScrollMarking(browser, origin, url, label, viewport) {
  const page = await browser.newPage({ viewport });
  await page.goto(origin + url, { waitUntil: 'load' });
  await settle(page);
  const atTop = await page.evaluate(marked);
  report(atTop.every((l) => l.length === 0), `nothing is marked above the first section (${viewport.width}px): ${label}`,
    [JSON.stringify(atTop)]);
  const hrefs = (await page.evaluate(contentsFacts, CONTENTS)).items?.map((i) => i.href) || [];
  const wrong = [];
  let checked = 0;
  for (const pass of [hrefs, [...hrefs].reverse()]) {
    for (const href of pass) {
      // Scroll the target's top to the top of the window; skip targets the
      // page cannot scroll that far, or that another one follows closely.
      const fit = await page.evaluate((h) => {
        const t = document.getElementById(decodeURIComponent(h.slice(1)));
        window.scrollTo(0, window.scrollY + t.getBoundingClientRect().top);
        const top = t.getBoundingClientRect().top;
        const others = [...document.querySelectorAll('nav')].filter((n) => /On this page/.test(n.textContent))
          .flatMap((n) => [...n.querySelectorAll('ol a[href^="#"]')])
          .map((a) => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
          .filter((o) => o && o !== t && !o.contains(t));
        const crowded = others.some((o) => {
          const ot = o.getBoundingClientRect().top;
          return ot > top + 1 && ot < window.innerHeight * 0.3;
        });
        return Math.abs(top) <= 2 && !crowded;
      }, href);
      if (!fit) continue;
      checked++;
      await settle(page);
      const lists = await page.evaluate(marked);
      const want = `${href}=location`;
      if (!lists.every((l) => l.length === 1 && l[0] === want)) wrong.push(`at ${href}: marked ${JSON.stringify(lists)}`);
    }
  }
  report(checked >= Math.min(4, hrefs.length) && wrong.length === 0,
    `scrolling down and up marks the section in view, ${checked} positions (${viewport.width}px): ${label}`, wrong);
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  const back = await page.evaluate(marked);
  report(back.every((l) => l.length === 0), `back at the top nothing is marked (${viewport.width}px): ${label}`, [JSON.stringify(back)]);
  await page.close();
}

async function checkWithoutScript(browser, origin, url, label) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: NARROW });
  const page = await ctx.newPage();
  await page.goto(origin + url, { waitUntil: 'load' });
  const nav = page.getByRole('navigation', { name: CONTENTS });
  let ok = false;
  let why = [];
  try {
    await nav.locator('summary').click();
    const link = nav.getByRole('link').nth(2);
    const href = await link.getAttribute('href');
    await link.click();
    const top = await page.evaluate((h) => document.getElementById(decodeURIComponent(h.slice(1))).getBoundingClientRect().top, href);
    const hash = await page.evaluate(() => location.hash);
    const current = await page.locator('[aria-current="location"]').count();
    ok = hash === href && top >= -2 && top <= 40 && current === 0;
    why = [`hash ${hash} for ${href}, target at ${top}px, ${current} marked`];
  } catch (e) {
    why = [String(e.message || e).split('\n')[0]];
  }
  report(ok, `with JavaScript off the contents open and lead to their section: ${label}`, why);
  await ctx.close();
}

async function checkBackToTop(browser, origin, url, label) {
  const page = await browser.newPage({ viewport: NARROW });
  await page.goto(origin + url, { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const links = [...document.querySelectorAll('a[href="#top"]')].filter((a) => a.getClientRects().length > 0);
    const floating = links.filter((a) => {
      for (let e = a; e; e = e.parentElement) if (/fixed|sticky/.test(getComputedStyle(e).position)) return true;
      return false;
    });
    return { count: links.length, floating: floating.length, target: !!document.getElementById('top') };
  });
  report(facts.count > 0 && facts.floating === 0 && facts.target,
    `at 360px back-to-top links sit in the flow, over nothing: ${label}`,
    [`${facts.count} links, ${facts.floating} fixed or sticky, #top exists: ${facts.target}`]);
  if (facts.count > 0) {
    const link = page.locator('a[href="#top"]').filter({ visible: true }).last();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await settle(page);
    const y = await page.evaluate(() => window.scrollY);
    report(y === 0, `back to top leads to the top: ${label}`, [`scrollY ${y}`]);
  }
  await page.close();
}

async function checkPrint(browser, origin, url, label) {
  const page = await browser.newPage({ viewport: WIDE });
  await page.goto(origin + url, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const navs = [...document.querySelectorAll('nav')].filter((n) => /On this page/.test(n.textContent));
    const controls = [...document.querySelectorAll('a[href="#top"], a[rel~="prev"], a[rel~="next"]')];
    return [...navs, ...controls].filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 80));
  });
  report(shown.length === 0, `print hides the contents and the controls: ${label}`, shown);
  await page.close();
}

async function checkPager(browser, origin, resourceUrl) {
  const page = await browser.newPage({ viewport: WIDE });
  await page.goto(origin + resourceUrl, { waitUntil: 'load' });
  // The resource's order: its list of patterns.
  const order = await page.evaluate((base) => {
    const list = document.getElementById('patterns') || document;
    const urls = [...list.querySelectorAll('a[href]')].map((a) => new URL(a.getAttribute('href'), location.href).pathname)
      .filter((p) => p.startsWith(base + 'patterns/'));
    return [...new Set(urls)];
  }, resourceUrl);
  const titles = [];
  for (const u of order) {
    await page.goto(origin + u, { waitUntil: 'load' });
    titles.push((await page.locator('h1').innerText()).trim());
  }
  const problems = [];
  for (let i = 0; i < order.length; i++) {
    await page.goto(origin + order[i], { waitUntil: 'load' });
    const links = await page.evaluate(() => [...document.querySelectorAll('a[rel~="prev"], a[rel~="next"]')]
      .map((a) => ({ rel: a.getAttribute('rel'), path: new URL(a.getAttribute('href'), location.href).pathname, text: a.textContent })));
    const prev = links.filter((l) => l.rel.split(/\s+/).includes('prev'));
    const next = links.filter((l) => l.rel.split(/\s+/).includes('next'));
    const expect = (got, j, what) => {
      if (j < 0 || j >= order.length) {
        if (got.length) problems.push(`${order[i]}: a ${what} link where there should be none`);
        return;
      }
      if (got.length !== 1) problems.push(`${order[i]}: ${got.length} ${what} links`);
      else if (got[0].path !== order[j]) problems.push(`${order[i]}: ${what} leads to ${got[0].path}, not ${order[j]}`);
      else if (!got[0].text.replace(/\s+/g, ' ').includes(titles[j])) problems.push(`${order[i]}: ${what} does not show "${titles[j]}"`);
    };
    expect(prev, i - 1, 'previous');
    expect(next, i + 1, 'next');
  }
  report(order.length > 0 && problems.length === 0,
    `previous and next follow the resource's ${order.length} patterns, first without previous, last without next: ${resourceUrl}`,
    problems);
  await page.close();
  return order;
}

async function main() {
  const resources = resourcePages();
  if (resources.length === 0) {
    report(false, `${site} has resource pages`);
    return;
  }
  const server = await serveSite(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
  try {
    for (const r of resources) {
      const patterns = await checkPager(browser, origin, r);
      // The resource page and its first pattern in depth; every pattern for structure.
      for (const url of [r, ...patterns]) {
        const label = url;
        const deep = url === r || url === patterns[0];
        await checkContents(browser, origin, url, label);
        await checkHeadingLinks(browser, origin, url, label);
        await checkPrint(browser, origin, url, label);
        if (!deep) continue;
        await checkKeyboard(browser, origin, url, label);
        await checkScrollMarking(browser, origin, url, label, WIDE);
        await checkScrollMarking(browser, origin, url, label, NARROW);
        await checkWithoutScript(browser, origin, url, label);
        await checkBackToTop(browser, origin, url, label);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  await main();
} catch (e) {
  report(false, 'the checks ran to the end', [String(e.stack || e)]);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

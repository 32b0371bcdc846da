// The scope and cost estimator in a real browser, against figures worked
// out by hand (the same as tests/unit/test_estimate.c uses for the C side).
//
//   node tests/browser/estimator.mjs [site-dir]      (default: public)
//
// Opens the resource page of the default content, drives the form with the
// keyboard only, and checks the result text; then checks that with
// JavaScript off the form stays hidden and the static table shows the same
// per-pattern figures.  Ends with "N passed, N failed".

import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const site = path.resolve(process.argv[2] || 'public');
const page_url = pathToFileURL(path.join(site, 'resources/crm-integration-architecture/index.html')).href;
let passed = 0;
let failed = 0;

function check(ok, name, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - estimator: ${name}`);
  if (!ok && detail) console.log(`#   ${detail}`);
}

// Ticks a checkbox by focusing it and pressing Space, as a keyboard user would.
async function tick(page, id) {
  await page.focus(`#${id}`);
  await page.keyboard.press('Space');
}

// Chooses an option of a select by its value with the keyboard.
async function choose(page, id, value) {
  await page.focus(`#${id}`);
  const values = await page.$$eval(`#${id} option`, (os) => os.map((o) => o.value));
  const current = await page.$eval(`#${id}`, (s) => s.value);
  let steps = values.indexOf(value) - values.indexOf(current);
  const key = steps > 0 ? 'ArrowDown' : 'ArrowUp';
  for (steps = Math.abs(steps); steps > 0; steps--) await page.keyboard.press(key);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(page_url);
  const result = page.locator('#est-result');

  check(await page.locator('#estimator-form').isVisible(), 'the form shows when JavaScript runs');
  check((await result.textContent()).includes('Tick at least one'), 'it asks for a selection first');

  // ERP 8-16 weeks (complexity 4) alone, typical volume, some experience.
  await tick(page, 'est-crm-erp');
  let text = await result.textContent();
  check(text.includes('8 to 16 weeks') && text.includes('complexity 4'), 'ERP alone: 8 to 16 weeks, complexity 4', text);

  // ERP + marketing automation (3-6), high volume (130 %), new team (125 %):
  // min (8 + 0.6*3) * 1.3 * 1.25 = 15.925 -> 16; max (16 + 0.6*6) * 1.625 = 31.85 -> 32.
  await tick(page, 'est-crm-marketing-automation');
  await choose(page, 'est-volume', 'high');
  await choose(page, 'est-experience', 'new');
  text = await result.textContent();
  check(text.includes('16 to 32 weeks') && text.includes('complexity 4'), 'ERP + marketing, high volume, new team: 16 to 32 weeks', text);
  const patterns = await page.locator('#est-patterns').textContent();
  check(patterns.includes('ERP') && patterns.includes('Marketing'), 'it names the patterns involved', patterns);
  const risks = await page.locator('#est-risks li').count();
  check(risks >= 2, 'it lists the main risks', `${risks} risks`);

  // Unticking everything returns to the prompt.
  await tick(page, 'est-crm-erp');
  await tick(page, 'est-crm-marketing-automation');
  text = await result.textContent();
  check(text.includes('Tick at least one'), 'an empty selection returns to the prompt', text);

  const live = await page.$eval('.estimator__result', (e) => e.getAttribute('aria-live'));
  check(live === 'polite', 'the result is announced to screen readers');

  // Without JavaScript: no form, and the table carries the figures.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const still = await context.newPage();
  await still.goto(page_url);
  check(!(await still.locator('#estimator-form').isVisible()), 'without JavaScript the form stays hidden');
  const row = await still.locator('.estimator-table tbody tr').first().textContent();
  check(/8\s+to\s+16\s+weeks/.test(row) && /4\s+of 5/.test(row), 'without JavaScript the table shows ERP at 8 to 16 weeks', row);
  await context.close();
} catch (e) {
  check(false, 'the run finished', String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// The scope and cost estimator in a real browser, against figures worked
// out by hand (the same as tests/unit/test_estimate.c uses for the C side).
//
//   node tests/browser/estimator.mjs [site-dir]      (default: public)
//
// Opens the resource page of the default content, drives the form with the
// keyboard only, and checks the result text, the cost from a day rate and a
// team size, the sharing rule (only between patterns with a common
// foundation) and each ticked pattern's assumptions; checks that the script
// and the static table agree on every pattern ticked; then that with
// JavaScript off the form stays hidden and the static page shows the same
// per-pattern figures, what a week is, the cost formula and the foundations.
// Ends with "N passed, N failed".

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

  // Beside the result, each ticked pattern with how it counts and its
  // assumptions: ERP (upper figure 16) in full, marketing at 60 %, as the
  // two share customer matching.
  const heads = await page.locator('#est-assumptions h4').allTextContents();
  const counts = await page.locator('#est-assumptions .estimator__counts').allTextContents();
  check(heads.join('|') === 'ERP|Marketing automation' && counts[0] === 'Counts in full.' &&
        /^Adds 60 % .*: Matching rules/.test(counts[1]),
        'it says how each ticked pattern counts, and why', `${heads.join(' | ')}: ${counts.join(' | ')}`);
  const erpAssumptions = await page.locator('#est-assumptions ul').first().locator('li').allTextContents();
  check(erpAssumptions.some((a) => a.includes('single legal entity')), "it lists ERP's assumptions", erpAssumptions.join(' | '));

  // The cost: nothing until both a day rate and a team size are entered.
  const cost = page.locator('#est-cost');
  check(!(await cost.isVisible()), 'no cost before a day rate and a team size');
  await page.focus('#est-rate');
  await page.keyboard.type('800');
  check(!(await cost.isVisible()), 'no cost with a day rate only');
  await page.focus('#est-team');
  await page.keyboard.type('three');
  text = await cost.textContent();
  check(await cost.isVisible() && text.includes('whole numbers') &&
        (await page.$eval('#est-team', (e) => e.getAttribute('aria-invalid'))) === 'true',
        'a team size that is not a whole number is refused', text);
  await page.fill('#est-team', '');
  await page.focus('#est-team');
  await page.keyboard.type('3');
  // Worked out by hand: 16 to 32 weeks × 5 days × 3 people × 800 a day.
  text = await cost.textContent();
  check(text.includes('192,000 to 384,000') && text.includes('currency of your day rate'),
        'cost: 16 to 32 weeks, 3 people at 800 a day: 192,000 to 384,000', text);
  await page.fill('#est-rate', '0');
  text = await cost.textContent();
  check(text.includes('whole numbers'), 'a day rate of 0 is refused', text);

  // Unticking everything returns to the prompt.
  await tick(page, 'est-crm-erp');
  await tick(page, 'est-crm-marketing-automation');
  text = await result.textContent();
  check(text.includes('Tick at least one'), 'an empty selection returns to the prompt', text);
  check(!(await cost.isVisible()), 'an empty selection shows no cost');

  // BI builds on the cross-system IDs that ERP also needs (resource.yaml's
  // foundations), so at typical volume, some experience ERP counts in full
  // and BI adds 60 %: 8 + 3.6 = 11.6 -> 12 to 16 + 7.2 = 23.2 -> 23 weeks
  // (not 14 to 28, as two patterns that share nothing would give).
  await choose(page, 'est-volume', 'typical');
  await choose(page, 'est-experience', 'some');
  await tick(page, 'est-crm-erp');
  await tick(page, 'est-crm-bi-analytics');
  text = await result.textContent();
  check(text.includes('12 to 23 weeks'), 'ERP + BI share the matching foundation: 12 to 23 weeks', text);
  const biCounts = await page.locator('#est-assumptions .estimator__counts').nth(1).textContent();
  check(biCounts.startsWith('Adds 60 % of its range.') && biCounts.includes('cross-system IDs'),
        'BI adds 60 % beside ERP, naming the foundation they share', biCounts);
  await page.fill('#est-rate', '500');
  await page.fill('#est-team', '2');
  // 12 × 5 × 2 × 500 = 60,000; 23 × 5 × 2 × 500 = 115,000
  text = await cost.textContent();
  check(text.includes('60,000 to 115,000'), 'cost: 12 to 23 weeks, 2 people at 500 a day: 60,000 to 115,000', text);

  // The script and the page's table agree: every pattern ticked gives the
  // table's last row, worked out by hand as
  // custom APIs 12-24 + 60 % of ERP, support, e-commerce, marketing and BI:
  // min 12 + 0.6 * (8 + 4 + 4 + 3 + 6) = 27, max 24 + 0.6 * (16 + 8 + 10 + 6 + 12) = 55.2 -> 55.
  for (const id of await page.$$eval('#estimator-form input[type=checkbox]', (bs) => bs.filter((b) => !b.checked).map((b) => b.id))) {
    await tick(page, id);
  }
  const together = (await page.locator('.estimator-table tfoot td').first().textContent()).trim();
  text = await result.textContent();
  check(together === '27 to 55 weeks' && text.includes(together), 'all ticked: the script and the table both say 27 to 55 weeks',
        `${together} / ${text}`);

  const live = await page.$eval('.estimator__result', (e) => e.getAttribute('aria-live'));
  check(live === 'polite', 'the result is announced to screen readers');

  // Without JavaScript: no form, and the table carries the figures.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const still = await context.newPage();
  await still.goto(page_url);
  check(!(await still.locator('#estimator-form').isVisible()), 'without JavaScript the form stays hidden');
  const row = await still.locator('.estimator-table tbody tr').first().textContent();
  check(/8\s+to\s+16\s+weeks/.test(row) && /4\s+of 5/.test(row), 'without JavaScript the table shows ERP at 8 to 16 weeks', row);
  const terms = await still.locator('.estimator__terms').textContent();
  check(terms.includes('elapsed calendar time with a team of 2') && terms.includes('× 5 working days × team size × day rate'),
        'without JavaScript the page says what a week is and how a cost is worked out', terms);
  const shared = await still.locator('#estimator-foundations').locator('xpath=..').locator('tbody tr').allTextContents();
  check(shared.length === 2 && shared.filter((r) => r.includes('BI')).length === 1 && shared[1].includes('BI'),
        'without JavaScript the foundations table puts BI under the matching foundation only',
        shared.join(' | '));
  await context.close();
} catch (e) {
  check(false, 'the run finished', String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

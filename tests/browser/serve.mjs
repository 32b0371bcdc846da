// `folio serve` end to end in headless Chromium: live reload and the error overlay.
//
//   node tests/browser/serve.mjs FOLIO [screenshot.png]
//
// Copies the default site's sources to a temporary folder, starts
// `FOLIO serve` on a port the system picks, and opens the resource page.
// Then, as an author would: edits a content file and expects the new text
// on the open page within 2 seconds, without a manual reload and at the
// same scroll position; breaks the YAML and expects the overlay with the
// file and line; fixes it and expects the overlay to go.  No Content-
// Security-Policy violation may happen on the way.  With a second
// argument, saves a screenshot of the overlay there.  Starts and stops its
// own server and browser; every wait has a time limit.
// Prints "ok - ..." / "not ok - ..." and ends with "N passed, N failed".
//
// Environment: CHROMIUM (default /usr/bin/chromium); RELOAD_BUDGET_MS
// (default 2000), the time allowed from saving a file to the new text.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FOLIO = path.resolve(process.argv[2] || path.join(ROOT, 'build/folio'));
const SHOT = process.argv[3] || null;
const BUDGET = Number(process.env.RELOAD_BUDGET_MS || 2000);
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const RES = '/resources/crm-integration-architecture/';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let passed = 0;
let failed = 0;
function report(ok, name, details = []) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - serve e2e: ${name}`);
  if (!ok) for (const d of details) console.log(`#   ${d}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-serve-e2e-'));
const src = path.join(tmp, 'src');
for (const dir of ['content', 'static']) {
  fs.cpSync(path.join(ROOT, dir), path.join(src, dir), { recursive: true });
}
const faq = path.join(src, 'content/resources/crm-integration-architecture/faq/api-versioning.md');
const yaml = path.join(src, 'content/resources/crm-integration-architecture/resource.yaml');

let server = null;
let browser = null;
let serverLog = '';

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const t = setTimeout(() => { server.kill('SIGKILL'); resolve(); }, 20000);
      server.once('exit', () => { clearTimeout(t); resolve(); });
    });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Whatever happens, the test ends.
const watchdog = setTimeout(async () => {
  report(false, 'finished within 5 minutes');
  await cleanUp();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}, 300000);

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(FOLIO, ['serve', '--source', src, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`no URL after 120 s:\n${serverLog}`)), 120000);
    server.stdout.on('data', (chunk) => {
      serverLog += chunk;
      const m = /^folio: serving .* at (http:\/\/\S+) /m.exec(serverLog);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    server.stderr.on('data', (chunk) => { serverLog += chunk; });
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`folio exited (${code}):\n${serverLog}`)); });
  });
}

// Polls fn until it returns a true value or ms pass; returns the value or null.
async function within(ms, fn) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function main() {
  const origin = await startServer();
  report(true, 'the server starts');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const violations = [];
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations = window.__cspViolations || [];
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const collectViolations = async () => {
    violations.push(...await page.evaluate(() => window.__cspViolations || []).catch(() => []));
  };

  const stream = page.waitForResponse((r) => r.url().endsWith('/__folio/events'), { timeout: 15000 });
  await page.goto(origin + RES, { waitUntil: 'load', timeout: 30000 });
  const events = await stream.catch(() => null);
  report(events !== null && events.status() === 200, 'the page opens the reload channel',
    [events ? `status ${events.status()}` : 'no request to /__folio/events']);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content).catch(() => '');
  report(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), "the page's CSP stays script-src 'self'", [csp]);

  // Edit a content file; the open page must show it without being told.
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.waitForFunction(() => window.scrollY > 1000, null, { timeout: 5000 }).catch(() => {});
  const scrolled = await page.evaluate(() => window.scrollY);
  const word = `Freshly saved ${Date.now()}`;
  await collectViolations();
  const start = Date.now();
  fs.appendFileSync(faq, `\n${word}.\n`);
  const seen = await within(BUDGET + 20000, () => page.evaluate((w) => document.body.innerText.includes(w), word));
  const took = Date.now() - start;
  report(seen && took <= BUDGET, `the new text shows within ${BUDGET} ms of the save (${took} ms)`,
    [seen ? `took ${took} ms` : 'never shown', serverLog.split('\n').slice(-5).join(' | ')]);
  await page.waitForLoadState('load').catch(() => {});
  const scrollAfter = await within(3000, async () => {
    const y = await page.evaluate(() => window.scrollY);
    return Math.abs(y - scrolled) <= 2 ? y + 1 : null;
  });
  report(scrollAfter !== null, `the reloaded page keeps its scroll position (${scrolled} px)`,
    [`now at ${await page.evaluate(() => window.scrollY).catch(() => '?')} px`]);

  // Break the YAML: the overlay, naming the file and line.
  await collectViolations();
  const good = fs.readFileSync(yaml, 'utf8');
  const lines = good.split('\n');
  lines.splice(2, 0, '  broken: [here');   // becomes line 3
  fs.writeFileSync(yaml, lines.join('\n'));
  const overlay = await within(30000, async () => (await page.$('#folio-overlay[role="alert"]')) ? true : null);
  report(overlay !== null, 'a broken YAML file shows the overlay (role="alert")');
  const text = overlay ? await page.$eval('#folio-overlay', (e) => e.innerText) : '';
  report(/resource\.yaml:3:\d+/.test(text), 'the overlay names the file and line', [text.slice(0, 300)]);
  report(/YAML/.test(text), "the overlay gives the error's message", [text.slice(0, 300)]);
  const visible = overlay ? await page.isVisible('#folio-overlay .folio-overlay__panel') : false;
  report(visible, 'the overlay is visible');
  report(await page.evaluate((w) => document.body.innerText.includes(w), word),
    'the page under it is the last good build');
  if (overlay) {
    // The message is text, never markup.
    const markup = await page.$$eval('#folio-overlay script, #folio-overlay img', (n) => n.length);
    report(markup === 0, 'the overlay holds no markup from the message');
  }
  if (SHOT && overlay) await page.screenshot({ path: SHOT });
  if (overlay) {
    // Readable in both colour schemes: axe-core on the overlay alone.
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(AXE_SOURCE);
      const found = await page.evaluate(async (tags) => {
        const r = await axe.run('#folio-overlay', { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.length} node(s)`);
      }, AXE_TAGS).catch((e) => [`axe failed: ${e.message}`]);
      report(found.length === 0, `the overlay passes axe-core in the ${scheme} scheme`, found);
      if (SHOT && scheme === 'dark') await page.screenshot({ path: SHOT.replace(/\.png$/, '-dark.png') });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  // Fix it: the overlay goes.
  await collectViolations();
  fs.writeFileSync(yaml, good);
  const gone = await within(30000, async () => (await page.$('#folio-overlay')) ? null : true);
  report(gone !== null, 'fixing the file clears the overlay');
  await page.waitForLoadState('load').catch(() => {});
  await collectViolations();
  const cspConsole = consoleErrors.filter((t) => /Content Security Policy/i.test(t));
  report(violations.length === 0 && cspConsole.length === 0, 'no Content-Security-Policy violation',
    [...violations, ...cspConsole]);
}

try {
  await main();
} catch (e) {
  report(false, 'ran to the end', [String(e && e.stack || e)]);
}
await cleanUp();
clearTimeout(watchdog);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

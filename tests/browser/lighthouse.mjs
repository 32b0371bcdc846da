// Lighthouse's accessibility and best-practices audits, which must score 100.
//
//   node tests/browser/lighthouse.mjs [site-dir]        (default: public)
//
// Serves site-dir on 127.0.0.1 and runs Lighthouse (the npm package pinned
// in package-lock.json, driving Debian's Chromium through CHROME_PATH:
// nothing is downloaded) on the first resource page and its first pattern
// page, with Lighthouse's default mobile settings.  Prints "ok - ..." /
// "not ok - ..." per page and category, the audits that failed as "#"
// lines, and ends with "N passed, N failed"; exits 1 when a check failed.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from './site-server.mjs';

const CATEGORIES = ['accessibility', 'best-practices'];
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const TIMEOUT_MS = 120000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = path.resolve(process.argv[2] || 'public');
const cli = path.join(root, 'node_modules/lighthouse/cli/index.js');
let passed = 0;
let failed = 0;

function report(ok, name, details = []) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - lighthouse: ${name}`);
  if (!ok) for (const d of details) console.log(`#   ${d}`);
}

// The first resource page and its first pattern page, as site paths.
function pagesToAudit() {
  const dir = path.join(site, 'resources');
  const resources = fs.existsSync(dir) ? fs.readdirSync(dir).filter((r) => fs.existsSync(path.join(dir, r, 'index.html'))).sort() : [];
  if (resources.length === 0) return [];
  const r = resources[0];
  const pdir = path.join(dir, r, 'patterns');
  const patterns = fs.existsSync(pdir) ? fs.readdirSync(pdir).filter((p) => fs.existsSync(path.join(pdir, p, 'index.html'))).sort() : [];
  return [`/resources/${r}/`, ...patterns.slice(0, 1).map((p) => `/resources/${r}/patterns/${p}/`)];
}

// Runs the Lighthouse CLI on url; resolves to its JSON report.
function lighthouse(url) {
  const args = [cli, url, `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--output=json', '--output-path=stdout', '--quiet'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`lighthouse exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
        return;
      }
      try { resolve(JSON.parse(out)); } catch (e) { reject(e); }
    });
  });
}

// The audits of a category that did not pass.
function failures(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode))
    .map((a) => `${a.id}: ${a.title}`);
}

async function main() {
  if (!fs.existsSync(cli)) {
    report(false, 'the lighthouse package is installed (run npm ci)');
    return;
  }
  const pages = pagesToAudit();
  if (pages.length === 0) {
    report(false, `${site} has a resource page`);
    return;
  }
  const server = await serveSite(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    for (const p of pages) {
      let lhr;
      try {
        lhr = await lighthouse(origin + p);
      } catch (e) {
        report(false, `runs on ${p}`, [String(e.message || e)]);
        continue;
      }
      for (const c of CATEGORIES) {
        const score = Math.round((lhr.categories[c]?.score ?? 0) * 100);
        report(score === 100, `${c} scores 100 (${score}): ${p}`, failures(lhr, c));
      }
    }
  } finally {
    server.close();
  }
}

try {
  await main();
} catch (e) {
  report(false, 'the audits ran to the end', [String(e.stack || e)]);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

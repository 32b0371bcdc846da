// A built site served on 127.0.0.1, as the browser checks need it: a
// site path is its file, a folder its index.html, anything outside the
// site or missing a 404.  Shared by a11y.mjs, wayfinding.mjs and
// lighthouse.mjs.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.pdf': 'application/pdf', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml', '.woff2': 'font/woff2',
};

// The file of site (an absolute folder) that a site path is served from, or null.
export function siteFile(site, urlPath) {
  let rel;
  try { rel = decodeURIComponent(urlPath); } catch { return null; }
  const p = path.join(site, path.normalize(rel));
  if (p !== site && !p.startsWith(site + path.sep)) return null;
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return p;
    if (st.isDirectory() && fs.statSync(path.join(p, 'index.html')).isFile()) return path.join(p, 'index.html');
  } catch { /* missing */ }
  return null;
}

// Serves site on a free port of 127.0.0.1; resolves to the listening server.
export function serveSite(site) {
  const server = http.createServer((req, res) => {
    const file = siteFile(site, new URL(req.url, 'http://127.0.0.1').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

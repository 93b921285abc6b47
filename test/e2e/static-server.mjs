// A plain static host for the browser tests: serves dist/ under a sub-path, with no special
// headers (no cross-origin isolation), as a user's own web server would. Like such a server it
// names each file's version (ETag, Last-Modified) and answers a browser that has it with 304, so
// that a second visit reads the browser's cache (and the engine's code compiled on the first).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const prefix = process.argv[3] ?? '/kpi/app/';
const port = Number(process.argv[4] ?? 4173);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(prefix)) {
    res.writeHead(404).end('not found');
    return;
  }
  let file = normalize(join(root, path.slice(prefix.length)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    const { size, mtime } = statSync(file);
    const version = { etag: `"${size.toString(36)}-${mtime.getTime().toString(36)}"`, 'last-modified': mtime.toUTCString() };
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    const unchanged = req.headers['if-none-match'] ? req.headers['if-none-match'] === version.etag : since >= Math.floor(mtime.getTime() / 1000) * 1000;
    if (unchanged) {
      res.writeHead(304, version).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, ...version });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`));

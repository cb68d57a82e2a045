// A static file server for the browser benchmark, with no dependencies:
//
//   node bench/peers/serve.mjs PORT [--root DIR] [--cache-control VALUE]
//
// Serves DIR (by default bench/) on 127.0.0.1:PORT. Text-like files are sent brotli-compressed
// (quality 11, compressed once per file and kept in memory) to a client that accepts `br`, so
// the bytes on the wire are those of a real deployment. Every response has an ETag, and the
// default `Cache-Control: no-cache` makes a warm load revalidate each file (304) the same way
// for every page measured.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
let port = NaN;
let root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let cacheControl = 'no-cache';
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--root') root = path.resolve(argv[++i] ?? '');
  else if (argv[i] === '--cache-control') cacheControl = argv[++i] ?? '';
  else port = Number.parseInt(argv[i], 10);
}
if (!(port > 0 && port < 65536)) {
  console.error('usage: node bench/peers/serve.mjs PORT [--root DIR] [--cache-control VALUE]');
  process.exit(2);
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.wasm', '.ttf', '.eot']);

const brotliCache = new Map(); // file -> { key, body }

function brotli(file, stat, raw) {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = brotliCache.get(file);
  if (hit && hit.key === key) return hit.body;
  const body = zlib.brotliCompressSync(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  brotliCache.set(file, { key, body });
  return body;
}

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.join(root, path.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  let stat;
  try {
    stat = fs.statSync(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.statSync(file);
    }
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const ext = path.extname(file).toLowerCase();
  const useBr = compressible.has(ext) && /\bbr\b/.test(req.headers['accept-encoding'] || '');
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${useBr ? '-br' : ''}"`;
  const headers = {
    'Content-Type': types[ext] || 'application/octet-stream',
    'Cache-Control': cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const raw = fs.readFileSync(file);
  const body = useBr ? brotli(file, stat, raw) : raw;
  if (useBr) headers['Content-Encoding'] = 'br';
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});

server.listen(port, '127.0.0.1', () => {
  console.error(`serving ${root} on http://127.0.0.1:${port}/ (brotli for clients that accept it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

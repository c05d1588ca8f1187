// A static server on loopback for the package tests: URL prefix → folder.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { CONTENT_TYPES } from '../../build/chromium.mjs';

/** Serves each folder under its prefix; resolves with the server's URL and a way to close it. */
export function serve(folders) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const prefix = Object.keys(folders)
      .filter((p) => path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    const file = prefix && join(folders[prefix], path.slice(prefix.length).replace(/(^|\/)$/, '$1index.html'));
    if (!file || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

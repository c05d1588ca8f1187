import { DEFAULT_INDEX_URL } from './pyodide-version.js';

export const INDEX_URL_META = 'py-worker-run:index-url';

/**
 * Where Pyodide is loaded from: `configure({ indexURL })`, else the meta tag, else the CDN copy of
 * the pinned version. Always absolute (a blob-URL worker has no base URL) and ending in `/`.
 */
export function resolveIndexURL(configured: string | undefined, meta: string | undefined, base: string): string {
  const chosen = configured?.trim() || meta?.trim() || DEFAULT_INDEX_URL;
  const url = new URL(chosen, base).href;
  return url.endsWith('/') ? url : `${url}/`;
}

/** The meta tag's content, if the page has one (nothing is read outside a document). */
export function indexURLFromMeta(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLMetaElement>(`meta[name="${INDEX_URL_META}"]`)?.content;
}

export function pageBaseURL(): string {
  return typeof document === 'undefined' ? globalThis.location.href : document.baseURI;
}

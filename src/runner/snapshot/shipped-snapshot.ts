/**
 * Where the memory snapshots shipped with this build are: beside the CDN bundle, one made in Chromium
 * and one made in WebKit. The build defines their paths relative to this module (each a literal
 * `new URL(…, import.meta.url)`, which bundlers follow and emit); running from source (tests, the dev
 * server) there are none.
 */
declare const __PY_WORKER_RUN_SNAPSHOT_PATH__: string | undefined;
declare const __PY_WORKER_RUN_WEBKIT_SNAPSHOT_PATH__: string | undefined;

export interface ShippedSnapshotURLs {
  url: string;
  webKitURL: string | undefined;
}

export function shippedSnapshotURLs(): ShippedSnapshotURLs | undefined {
  if (typeof __PY_WORKER_RUN_SNAPSHOT_PATH__ !== 'string') return undefined;
  return {
    url: new URL(__PY_WORKER_RUN_SNAPSHOT_PATH__, import.meta.url).href,
    webKitURL: typeof __PY_WORKER_RUN_WEBKIT_SNAPSHOT_PATH__ === 'string' ? new URL(__PY_WORKER_RUN_WEBKIT_SNAPSHOT_PATH__, import.meta.url).href : undefined,
  };
}

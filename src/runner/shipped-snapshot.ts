/**
 * Where the memory snapshot shipped with this build is: beside the CDN bundle. The build defines
 * its path relative to this module; running from source (tests, the dev server) there is none.
 */
declare const __PY_WORKER_RUN_SNAPSHOT_PATH__: string | undefined;

export function shippedSnapshotURL(): string | undefined {
  if (typeof __PY_WORKER_RUN_SNAPSHOT_PATH__ !== 'string') return undefined;
  return new URL(__PY_WORKER_RUN_SNAPSHOT_PATH__, import.meta.url).href;
}

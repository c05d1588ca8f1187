/**
 * The packages of a `packages` attribute ("numpy pytz", or with commas): names stay names, and
 * anything that looks like a file (a `/` or `.whl`) becomes an absolute URL, since the worker has no base URL.
 */
export function parsePackages(text: string | null | undefined, base: string): string[] {
  return resolvePackages((text ?? '').split(/[\s,]+/), base);
}

export function resolvePackages(packages: string[], base: string): string[] {
  return packages
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => (entry.includes('/') || entry.endsWith('.whl') ? new URL(entry, base).href : entry));
}

/** Where the test config serves the freshly built CDN bundle on another origin. */
export async function crossOrigin(): Promise<string> {
  const env = (await (await fetch('/__env.json')).json()) as { crossOrigin: string };
  return env.crossOrigin;
}

/** Adds the meta tag that tells the bundle where Pyodide is (the no-JavaScript way). */
export function setIndexURLMeta(url: string): void {
  const meta = document.createElement('meta');
  meta.name = 'py-worker-run:index-url';
  meta.content = url;
  document.head.append(meta);
}

/** The public API of the bundle, as a page that loads it with a script tag sees it. */
export interface BundleModule {
  asyncRun(script: string, context?: Record<string, unknown>): Promise<{ results: unknown; error?: string; stdout: string }>;
  configure(options: { indexURL?: string }): void;
  PyWorkerRun: CustomElementConstructor;
}

export function loadBundle(url: string): Promise<BundleModule> {
  return import(/* @vite-ignore */ url) as Promise<BundleModule>;
}

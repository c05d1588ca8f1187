// Pages that enforce Trusted Types (`require-trusted-types-for 'script'` in their Content Security
// Policy) refuse a string where a script URL or HTML goes. The element's own such strings go through
// its policy, `py-worker-run`: the blob: URL its worker starts from, and the HTML of elements with
// `allow-html` (which the author trusts). In the CDN bundle this is a chunk of its own, loaded once the
// page has refused such a string (load-messages.ts tells); it imports nothing.

interface Policy {
  createScriptURL(url: string): unknown;
  createHTML(html: string): unknown;
}

let policy: Policy | null | undefined;

/** The element's policy: null where the browser has no Trusted Types, or the page's trusted-types directive does not name it. */
function ourPolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes;
  try {
    policy =
      factory?.createPolicy('py-worker-run', {
        createScriptURL(url) {
          if (!url.startsWith('blob:')) throw new TypeError(`not a blob: URL: ${url}`);
          return url;
        },
        createHTML: (html) => html,
      }) ?? null;
  } catch {
    policy = null; // not named by the page (or made already, by another copy of the bundle)
  }
  return policy;
}

/** The blob: URL a worker starts from, as a TrustedScriptURL where there is the policy (given to `new Worker`). */
export const trustedScriptURL = (blobURL: string): string => (ourPolicy()?.createScriptURL(blobURL) ?? blobURL) as string;

/** Puts HTML the author trusts (`allow-html`) into `holder` through the policy; false if the page does not allow the policy. */
export function showTrustedHtml(holder: HTMLElement, html: string): boolean {
  const policy = ourPolicy();
  if (policy) holder.innerHTML = policy.createHTML(html) as string;
  return policy !== null;
}

/**
 * Runs `start` (Vite's inline worker of the npm build, which gives `new Worker` a plain blob: URL) so
 * that, on a page that refuses it, `Worker` gets the URL through the policy. Only such a page has
 * `Worker` replaced, and only while `start` runs (synchronously).
 */
export function startWithTrustedURL<T>(start: () => T, refused: (error: unknown) => boolean): T {
  try {
    return start();
  } catch (error) {
    if (!refused(error) || !ourPolicy()) throw error;
  }
  const NativeWorker = globalThis.Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(trustedScriptURL(String(url)), options);
    }
  };
  try {
    return start();
  } finally {
    globalThis.Worker = NativeWorker;
  }
}

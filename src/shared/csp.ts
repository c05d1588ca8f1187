/**
 * What a page's Content Security Policy must allow for Python to run, said from the violation the
 * browser reported (on the page for the worker itself, in the worker for what it loads).
 */
export function cspAdvice({ blockedURI, effectiveDirective }: Pick<SecurityPolicyViolationEvent, 'blockedURI' | 'effectiveDirective'>): string {
  if (blockedURI === 'wasm-eval' || blockedURI === 'eval') return WASM_ADVICE;
  if (blockedURI.startsWith('blob')) {
    return 'does not allow the Python worker, which starts from a blob: URL: add worker-src blob: to it';
  }
  let origin = blockedURI;
  try {
    origin = new URL(blockedURI).origin;
  } catch {
    // not a URL: name it as reported
  }
  return `blocks ${blockedURI}: allow ${origin} in its ${effectiveDirective} directive`;
}

export const WASM_ADVICE = "does not allow WebAssembly, which Pyodide is: add 'wasm-unsafe-eval' to its script-src directive";

/** The sentence an element shows when the page's policy stops Python from loading. */
export function cspFailure(advice: string): string {
  return `Python cannot start on this page: its Content Security Policy ${advice}. The README's "Content Security Policy" section gives a policy that works.`;
}

/**
 * What the worker changes in Pyodide's boot, through the two globals Pyodide's loader uses while it
 * boots (`fetch` and `WebAssembly.instantiateStreaming`), until `restore()`:
 * - a failed fetch of one of Pyodide's core files fails the boot at once (Pyodide would hang, or fail
 *   later with less to say);
 * - its wasm and lock file are fetched at once, not once Pyodide's loader is imported and the
 *   snapshot is chosen, and the wasm is compiled as its bytes arrive: Pyodide instantiates it only
 *   once it has the memory snapshot, so a snapshot boot compiled it only after the whole snapshot;
 * - the memory of the instance, as instantiating left it, is handed to `onInstance` before any of
 *   Pyodide's code runs (the shipped snapshot is a delta against it: snapshot-delta.ts);
 * - with `deferredStdlib`, the fetch of the standard library's zip gets its placeholder instead
 *   (deferred-stdlib.ts);
 * - given the module an earlier worker compiled, the wasm is neither fetched nor compiled: its fetch
 *   gets an empty response that instantiates that module.
 */
import { describeError } from '../../shared/describe-error.js';
import type { DeferredStdlib } from './deferred-stdlib.js';

export interface BootHooks {
  /** Rejects, naming the URL and the status, as soon as a fetch of one of the core files fails. */
  readonly failure: Promise<never>;
  /** Called with the memory of the wasm instance Pyodide creates, before its code runs. */
  onInstance: ((memory: ArrayBuffer) => void) | undefined;
  /** Set while Pyodide boots from a snapshot: it does not wait for the standard library. */
  deferredStdlib: DeferredStdlib | undefined;
  /** The compiled wasm module Pyodide instantiated (once it has). */
  module: WebAssembly.Module | undefined;
  restore(): void;
}

export function hookBoot(core: { wasm: string; stdlib: string; lockFile: string }, compiled?: WebAssembly.Module): BootHooks {
  const realFetch = globalThis.fetch;
  const realInstantiateStreaming = WebAssembly.instantiateStreaming;
  let fail: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  /** The wasm's compilation, started by the fetch of it. */
  const compiling = new WeakMap<Response, Promise<WebAssembly.Module>>();
  const compile = (response: Response) => {
    const module = WebAssembly.compileStreaming(response);
    module.catch(() => undefined); // reported when Pyodide instantiates it
    compiling.set(response, module);
  };
  /** Fetched now; Pyodide's own fetch of each gets the response. */
  const early = new Map((compiled ? [core.lockFile] : [core.wasm, core.lockFile]).map((url) => [url, realFetch(url)]));
  for (const [url, response] of early) {
    response.then((value) => url === core.wasm && value.ok && compile(value)).catch(() => undefined);
  }

  const hooks: BootHooks = {
    failure,
    onInstance: undefined,
    deferredStdlib: undefined,
    module: undefined,
    restore() {
      globalThis.fetch = realFetch;
      WebAssembly.instantiateStreaming = realInstantiateStreaming;
    },
  };

  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === core.stdlib && hooks.deferredStdlib) return hooks.deferredStdlib.placeholder();
    if (url === core.wasm && compiled) {
      const given = new Response(null, { headers: { 'Content-Type': 'application/wasm' } });
      compiling.set(given, Promise.resolve(compiled));
      return given;
    }
    const watched = url === core.wasm || url === core.stdlib || url === core.lockFile;
    try {
      const prefetched = early.get(url);
      early.delete(url);
      const response = await (prefetched ?? realFetch(input, init));
      if (watched && !response.ok) fail(new Error(`${url} answered ${response.status} ${response.statusText}`.trim()));
      if (url === core.wasm && response.ok && !compiling.has(response)) compile(response);
      return response;
    } catch (error) {
      if (watched) fail(new Error(`${url} could not be fetched (${describeError(error)})`));
      throw error;
    }
  };

  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const module = compiling.get(response);
    let result: WebAssembly.WebAssemblyInstantiatedSource;
    if (module) {
      const compiled = await module;
      result = { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
    } else {
      result = await realInstantiateStreaming(response, imports);
    }
    hooks.module = result.module;
    const memory = Object.values(result.instance.exports).find((value) => value instanceof WebAssembly.Memory);
    if (memory) hooks.onInstance?.(memory.buffer);
    return result;
  };
  return hooks;
}

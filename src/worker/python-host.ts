import type { PyodideInterface } from 'pyodide';
import { describeError } from '../shared/describe-error.js';
import type { OutputStream, RunError } from '../shared/protocol.js';
import runnerSource from './python/runner.py?raw';

/** True for the error Pyodide throws once it is dead (after a fatal error, every call fails). */
export function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { pyodide_fatal_error?: unknown }).pyodide_fatal_error === true;
}

export type RunResult = { ok: true; value: unknown; repr: string } | { ok: false; error: RunError };

/** One booted Pyodide with our runner installed. */
export interface PythonHost {
  readonly version: string;
  run(code: string, context: Record<string, unknown> | undefined, filename: string): Promise<RunResult>;
}

type RunnerFunction = ((code: string, context: unknown, filename: string) => Promise<RunResult>) & {
  destroy(): void;
};

export interface BootOptions {
  write: (stream: OutputStream, bytes: Uint8Array) => void;
  /** Called when Pyodide suffers a fatal error (a C stack overflow, say): it is dead from then on. */
  onFatal: (message: string) => void;
  interruptBuffer?: Int32Array | undefined;
}

export async function bootPython(indexURL: string, { write, onFatal, interruptBuffer }: BootOptions): Promise<PythonHost> {
  const pyodideModule = `${indexURL}pyodide.mjs`;
  let loadPyodide: (options: { indexURL: string }) => Promise<PyodideInterface>;
  try {
    ({ loadPyodide } = (await import(/* @vite-ignore */ pyodideModule)) as {
      loadPyodide: typeof loadPyodide;
    });
  } catch (cause) {
    throw new Error(`could not import ${pyodideModule} (${describeError(cause)})`, { cause });
  }
  const pyodide = await loadPyodide({ indexURL });
  const writer = (stream: OutputStream) => ({
    write: (bytes: Uint8Array) => {
      write(stream, bytes);
      return bytes.length;
    },
  });
  pyodide.setStdout(writer('stdout'));
  pyodide.setStderr(writer('stderr'));
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  // After a fatal error the pending run's promise may never settle; this hook is the only word we get.
  (pyodide as unknown as { _api: { on_fatal?: (error: unknown) => void } })._api.on_fatal = (error) => onFatal(describeError(error));

  const namespace = pyodide.globals.get('dict')();
  pyodide.runPython(runnerSource, { globals: namespace, filename: '_py_worker_run.py' });
  const runner = namespace.get('run') as RunnerFunction;
  namespace.destroy();

  return {
    version: pyodide.version,
    async run(code, context, filename) {
      const pending = runner(code, context, filename) as Promise<RunResult> & { destroy(): void };
      try {
        return await pending;
      } finally {
        pending.destroy();
      }
    },
  };
}

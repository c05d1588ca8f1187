import type { PyodideInterface } from 'pyodide';
import { describeError } from '../shared/describe-error.js';
import type { OutputStream, RunError } from '../shared/protocol.js';
import runnerSource from './python/runner.py?raw';

export type RunResult = { ok: true; value: unknown; repr: string } | { ok: false; error: RunError };

/** One booted Pyodide with our runner installed. */
export interface PythonHost {
  readonly version: string;
  run(code: string, context: Record<string, unknown> | undefined, filename: string): Promise<RunResult>;
}

type RunnerFunction = ((code: string, context: unknown, filename: string) => Promise<RunResult>) & {
  destroy(): void;
};

export async function bootPython(
  indexURL: string,
  write: (stream: OutputStream, bytes: Uint8Array) => void,
): Promise<PythonHost> {
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

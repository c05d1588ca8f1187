/** py-worker-run for Preact: importing it defines the element and types it in Preact's JSX, with typed event details. */
import type { HTMLAttributes } from 'preact';
import type { PyWorkerRun } from '../py-worker-run.js';
import type { PyWorkerRunProps } from './element-props.js';

export * from '../index.js';

/** What `<py-worker-run>` takes in Preact's JSX: an element's attributes, and the element's own, typed. */
export type PyWorkerRunPreactProps = Omit<HTMLAttributes<PyWorkerRun>, keyof PyWorkerRunProps> & PyWorkerRunProps;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'py-worker-run': PyWorkerRunPreactProps;
    }
  }
}

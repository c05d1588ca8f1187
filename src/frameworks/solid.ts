/**
 * py-worker-run for Solid 1.9: importing it defines the element and types it in Solid's JSX, with
 * typed event details (`on:py-result={…}`). Solid sets `context` and `code` as properties.
 */
import type { CustomElements } from './solid-props.js';

export * from '../index.js';

/** What `<py-worker-run>` takes in Solid's JSX. */
export type PyWorkerRunSolidProps = CustomElements['py-worker-run'];

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Solid's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'py-worker-run': PyWorkerRunSolidProps;
    }
  }
}

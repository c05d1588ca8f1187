'use client';
/**
 * py-worker-run for React 19 and Next.js. Importing it defines the element, types the plain
 * `<py-worker-run>` tag in JSX, and gives `<PyWorkerRun>`: a wrapper (made with @lit/react) that sets
 * `context` and the other properties and binds `onPyRun`, `onPyOutput`, `onPyResult` and `onPyError`,
 * also in server-rendered apps, where React's hydration sets no property of a custom element.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { PyWorkerRunEventMap } from '../element/events.js';
import { PyWorkerRun as PyWorkerRunElement } from '../index.js';
import type { PyWorkerRunProps } from './element-props.js';

const event = <K extends keyof PyWorkerRunEventMap>(name: K) => name as EventName<PyWorkerRunEventMap[K]>;

const Wrapped = createComponent({
  react: React,
  tagName: 'py-worker-run',
  elementClass: PyWorkerRunElement,
  events: { onPyRun: event('py-run'), onPyOutput: event('py-output'), onPyResult: event('py-result'), onPyError: event('py-error') },
  displayName: 'PyWorkerRun',
});

export type PyWorkerRunComponentProps = React.ComponentProps<typeof Wrapped>;

/**
 * `<py-worker-run>` as a React component: properties (`context`, `code`, …) and event props
 * (`onPyResult`…) are set on the element. It renders with `defer-hydration`, which @lit/react removes
 * once it has set them, so a server-rendered element runs once, with the context React gives it.
 */
export const PyWorkerRun = React.forwardRef<PyWorkerRunElement, PyWorkerRunComponentProps>(function PyWorkerRun(props, ref) {
  return React.createElement(Wrapped, { ...props, ref, 'defer-hydration': '' } as PyWorkerRunComponentProps);
});

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      /** Python in a tag, run in a Web Worker shared by the whole page. In server-rendered apps, prefer `<PyWorkerRun>` (from `py-worker-run/react`). */
      'py-worker-run': React.DetailedHTMLProps<React.HTMLAttributes<PyWorkerRunElement>, PyWorkerRunElement> & PyWorkerRunProps;
    }
  }
}

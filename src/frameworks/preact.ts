/**
 * py-worker-run for Preact: importing it defines the element, types the plain `<py-worker-run>` tag
 * in Preact's JSX (with typed event details), and gives `<PyWorkerRun>`, for server-rendered pages
 * and islands (Astro's `client:load`), where Preact's hydration sets no property of an element.
 */
import { h, type HTMLAttributes, type Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PyErrorDetail, PyOutputDetail, PyResultDetail, PyRunDetail, PyWorkerRunEventMap } from '../element/events.js';
import type { PyWorkerRun as PyWorkerRunElement } from '../py-worker-run.js';
import type { PyWorkerRunProps } from './element-props.js';

export * from '../index.js';

/** What `<py-worker-run>` takes in Preact's JSX: an element's attributes, and the element's own, typed. */
export type PyWorkerRunPreactProps = Omit<HTMLAttributes<PyWorkerRunElement>, keyof PyWorkerRunProps> & PyWorkerRunProps;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'py-worker-run': PyWorkerRunPreactProps;
    }
  }
}

type Handler<Detail> = (event: CustomEvent<Detail>) => void;

/** The props of `<PyWorkerRun>`: the element's, with its events as `onPyRun`, `onPyOutput`, `onPyResult`, `onPyError`. */
export type PyWorkerRunComponentProps = Omit<PyWorkerRunPreactProps, `onpy-${string}` | 'ref'> & {
  onPyRun?: Handler<PyRunDetail>;
  onPyOutput?: Handler<PyOutputDetail>;
  onPyResult?: Handler<PyResultDetail>;
  onPyError?: Handler<PyErrorDetail>;
  ref?: Ref<PyWorkerRunElement>;
};

const EVENTS = { onPyRun: 'py-run', onPyOutput: 'py-output', onPyResult: 'py-result', onPyError: 'py-error' } as const;

/**
 * `<py-worker-run>` as a Preact component that sets `context` and `code` as properties and binds its
 * events, also after hydration. It renders with `defer-hydration` and removes it once it has set
 * them, so a server-rendered element runs once, with the context it was given.
 */
export function PyWorkerRun({ context, code, onPyRun, onPyOutput, onPyResult, onPyError, ref, ...attributes }: PyWorkerRunComponentProps) {
  const element = useRef<PyWorkerRunElement | null>(null);
  const handlers = useRef<Partial<Record<keyof typeof EVENTS, Handler<never>>>>({});
  handlers.current = { onPyRun, onPyOutput, onPyResult, onPyError };

  useLayoutEffect(() => {
    const el = element.current!;
    const listeners = Object.entries(EVENTS).map(([prop, type]) => {
      const listener = (event: Event) => handlers.current[prop as keyof typeof EVENTS]?.(event as CustomEvent<never>);
      el.addEventListener(type as keyof PyWorkerRunEventMap, listener);
      return () => el.removeEventListener(type as keyof PyWorkerRunEventMap, listener);
    });
    return () => listeners.forEach((remove) => remove());
  }, []);

  useLayoutEffect(() => {
    const el = element.current!;
    el.context = context;
    if (code !== undefined) el.code = code;
    el.removeAttribute('defer-hydration');
  }, [context, code]);

  const setElement = (el: PyWorkerRunElement | null) => {
    element.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };
  return h('py-worker-run', { ...attributes, ref: setElement, 'defer-hydration': true });
}

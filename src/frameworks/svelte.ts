/** py-worker-run for Svelte 5: importing it defines the element and types it in Svelte templates (svelte-check). */
import type { HTMLAttributes } from 'svelte/elements';
import type { PyWorkerRun } from '../py-worker-run.js';
import type { PyWorkerRunProps } from './element-props.js';

export * from '../index.js';

/** What `<py-worker-run>` takes in a Svelte template. (Being used here keeps the import of svelte/elements in the .d.ts: the augmentation below needs it.) */
export type PyWorkerRunSvelteAttributes = HTMLAttributes<PyWorkerRun> & PyWorkerRunProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'py-worker-run': PyWorkerRunSvelteAttributes;
  }
}

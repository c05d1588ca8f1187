// The Svelte test app: Mean.svelte compiled by Svelte's own compiler.
import { mount } from 'svelte';
import Mean from './Mean.svelte';

export { configure } from 'py-worker-run';

export const mountMean = (target, props) => mount(Mean, { target, props });

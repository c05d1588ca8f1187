// The Vue test app: Mean.vue compiled by Vue's own SFC compiler.
import { createApp } from 'vue';
import Mean from './Mean.vue';

export { configure } from 'py-worker-run';

export function mountMean(container: Element) {
  const app = createApp(Mean);
  app.mount(container);
  return app;
}

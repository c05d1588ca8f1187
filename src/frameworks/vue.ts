/** py-worker-run for Vue 3: importing it defines the element and types it in Vue templates (vue-tsc, Volar). */
import type { DefineComponent } from 'vue';
import type { PyWorkerRunProps } from './element-props.js';

export * from '../index.js';

type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** Vue calls the handler of `@py-result` `onPyResult`. */
type VueProps = { [K in keyof PyWorkerRunProps as K extends `on${infer Event}` ? `on${Pascal<Event>}` : K]: PyWorkerRunProps[K] };

declare module 'vue' {
  interface GlobalComponents {
    'py-worker-run': DefineComponent<VueProps>;
  }
}

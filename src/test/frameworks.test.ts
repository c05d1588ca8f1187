// The README's framework snippets (src/test/frameworks/), built by each framework's own compiler
// against the npm build of the package (see build-apps.mjs), running in the browser.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

interface FrameworkApp {
  configure(options: { indexURL?: string; snapshot?: boolean }): void;
}
interface ReactApp extends FrameworkApp {
  render(name: 'Mean' | 'MeanWrapper' | 'Slider', container: Element, values: number[]): { unmount(): void };
  hydrate(name: 'Mean' | 'MeanWrapper', container: Element, values: number[]): { unmount(): void };
}
interface SvelteApp extends FrameworkApp {
  mountMean(target: Element, props: { values: number[] }): unknown;
}
interface VueApp extends FrameworkApp {
  mountMean(container: Element): { unmount(): void };
}

const load = <T extends FrameworkApp>(name: string) => import(/* @vite-ignore */ `/frameworks/${name}.js`) as Promise<T>;

/** A container that counts the runs and failures of the elements in it (the events bubble). */
async function container(): Promise<{ root: HTMLDivElement; runs: string[]; errors: string[] }> {
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  const runs: string[] = [];
  const errors: string[] = [];
  root.addEventListener('py-run', (event) => runs.push((event as CustomEvent).detail.code));
  root.addEventListener('py-error', (event) => errors.push(`${(event as CustomEvent).detail.type}: ${(event as CustomEvent).detail.message}`));
  return { root, runs, errors };
}

const shows = (root: Element, text: string) =>
  waitUntil(() => root.textContent?.includes(text), `the app shows "${text}"`, { timeout: 30_000 });

describe('in framework apps built by their own compilers', () => {
  before(async () => {
    (await load('react')).configure({ indexURL: '/node_modules/pyodide/', snapshot: false });
  });

  it('React 19: the plain tag gets its context as a property and reports py-result to the component', async () => {
    const { root, errors } = await container();
    const app = (await load<ReactApp>('react')).render('Mean', root, [1, 2, 6]);
    await shows(root, 'Mean: 3');
    expect(errors).to.deep.equal([]);
    app.unmount();
  });

  it('React 19 on a page that enforces Trusted Types: the npm build starts its worker through its policy', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/frameworks/trusted-types.html';
    document.body.append(frame);
    const element = () => frame.contentDocument?.querySelector('py-worker-run') as (HTMLElement & { status: string; error?: { message: string } }) | null;
    const shown = () => frame.contentDocument?.body?.textContent?.includes('Mean: 3');
    await waitUntil(() => shown() || element()?.status === 'error', 'the app shows the mean, or the element an error', { timeout: 30_000 });
    expect(element()!.error?.message).to.equal(undefined);
    expect(shown()).to.equal(true);
    frame.remove();
  });

  it('React 19: a controlled input bound with inputs re-runs the cell when the reader moves it', async () => {
    const { root, runs, errors } = await container();
    const app = (await load<ReactApp>('react')).render('Slider', root, []);
    await shows(root, 'Doubled: 10');
    const slider = root.querySelector<HTMLInputElement>('#react-n')!;
    // As a reader's drag does: the value changes, then an input event (React's onChange listens to it).
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, '7');
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await shows(root, 'Doubled: 14');
    expect(runs.length).to.equal(2);
    expect(errors).to.deep.equal([]);
    app.unmount();
  });

  it('React 19: the wrapper sets context and code and calls onPyResult', async () => {
    const { root, errors } = await container();
    const app = (await load<ReactApp>('react')).render('MeanWrapper', root, [2, 3]);
    await shows(root, 'Mean: 2.5');
    expect(errors).to.deep.equal([]);
    app.unmount();
  });

  it('React 19 server render, then hydration: the wrapper waits, then runs once with the context React gives it', async () => {
    const { root, runs, errors } = await container();
    const serverHTML = await (await fetch(`/frameworks/ssr/MeanWrapper?values=${JSON.stringify([4, 5])}`)).text();
    expect(serverHTML).to.match(/<py-worker-run defer-hydration="">/);
    root.innerHTML = serverHTML; // the element is defined: it connects now, as when the app's bundle loads, before hydration
    await new Promise((resolve) => setTimeout(resolve));
    expect(runs, 'no run before hydration').to.deep.equal([]);
    const app = (await load<ReactApp>('react')).hydrate('MeanWrapper', root, [4, 5]);
    await shows(root, 'Mean: 4.5');
    expect(runs).to.have.length(1);
    expect(errors).to.deep.equal([]);
    app.unmount();
  });

  it('Svelte 5: the snippet runs with its text as Svelte trims it, context as a property, onpy-result', async () => {
    const { root, errors } = await container();
    (await load<SvelteApp>('svelte')).mountMean(root, { values: [1, 2, 3, 10] });
    await shows(root, 'Mean: 4');
    expect(errors).to.deep.equal([]);
  });

  it('Vue 3: the snippet runs with :code, :context and @py-result', async () => {
    const { root, errors } = await container();
    const app = (await load<VueApp>('vue')).mountMean(root);
    await shows(root, 'Mean: 0.8');
    expect(errors).to.deep.equal([]);
    app.unmount();
  });
});

// The React test app in the browser: client renders and hydration of server-rendered HTML.
import { createElement } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Mean } from './Mean.js';
import { MeanWrapper } from './MeanWrapper.js';
import { Slider } from './Slider.js';

export { configure } from 'py-worker-run';

const apps = { Mean, MeanWrapper, Slider };
export type AppName = keyof typeof apps;

export function render(name: AppName, container: Element, values: number[]) {
  const root = createRoot(container);
  root.render(createElement(apps[name], { values }));
  return root;
}

export function hydrate(name: AppName, container: Element, values: number[]) {
  return hydrateRoot(container, createElement(apps[name], { values }));
}

// The React test app on the server (Node): react-dom/server renders the HTML that the browser hydrates.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Mean } from './Mean.js';
import { MeanWrapper } from './MeanWrapper.js';

const apps = { Mean, MeanWrapper };

export function renderToHTML(name: keyof typeof apps, values: number[]): string {
  return renderToString(createElement(apps[name], { values }));
}

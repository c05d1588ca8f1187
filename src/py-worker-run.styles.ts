import { css } from 'lit';

export const styles = css`
  :host {
    --py-worker-run-font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    --py-worker-run-font-size: 0.875rem;
    --py-worker-run-color: #1f2328;
    --py-worker-run-background: #f6f8fa;
    --py-worker-run-border-color: #d0d7de;
    --py-worker-run-radius: 6px;
    --py-worker-run-stderr-color: #9a6700;
    --py-worker-run-error-color: #b42318;
    --py-worker-run-error-background: #fff1f0;
    --py-worker-run-muted-color: #57606a;
    --py-worker-run-max-height: 24rem;
    --py-worker-run-focus-color: #0969da;

    display: block;
    color-scheme: light dark;
    font-family: var(--py-worker-run-font-family);
    font-size: var(--py-worker-run-font-size);
    color: var(--py-worker-run-color);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --py-worker-run-color: #e6edf3;
      --py-worker-run-background: #161b22;
      --py-worker-run-border-color: #30363d;
      --py-worker-run-stderr-color: #d29922;
      --py-worker-run-error-color: #ff7b72;
      --py-worker-run-error-background: #2d1214;
      --py-worker-run-muted-color: #8b949e;
      --py-worker-run-focus-color: #58a6ff;
    }
  }
  [hidden] {
    display: none !important;
  }
  /* The element paints its own background behind its text: its colours hold on any page, light or dark. */
  [part='output']:not(:empty),
  [part='status'] {
    background: var(--py-worker-run-background);
    border: 1px solid var(--py-worker-run-border-color);
    border-radius: var(--py-worker-run-radius);
    max-height: var(--py-worker-run-max-height);
    overflow: auto;
  }
  pre {
    margin: 0;
    padding: 0.5em 0.75em;
    font: inherit;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part='stderr'] {
    color: var(--py-worker-run-stderr-color);
  }
  /* HTML and Markdown from Python: anything positioned (even fixed) stays inside this box. */
  [part='html'] {
    contain: layout paint;
    overflow: auto;
    padding: 0 0.75em;
    font-family: system-ui, sans-serif;
  }
  [part='html'] table {
    border-collapse: collapse;
    margin: 0.5em 0;
    font-variant-numeric: tabular-nums;
  }
  [part='html'] :is(th, td) {
    border: 1px solid var(--py-worker-run-border-color);
    padding: 0.2em 0.5em;
    text-align: right;
  }
  /* Blocks of whole lines (StreamView): the browser lays out only those in view. */
  .lines {
    content-visibility: auto;
  }
  [part='status'] {
    color: var(--py-worker-run-muted-color);
    padding: 0.25em 0.75em;
    margin-bottom: 0.5em;
  }
  [part='error'] {
    color: var(--py-worker-run-error-color);
    background: var(--py-worker-run-error-background);
    border: 1px solid currentColor;
    border-radius: var(--py-worker-run-radius);
    margin-top: 0.5em;
  }
  [part='error-message'] {
    display: block;
    padding: 0.5em 0.75em 0;
    font-weight: 600;
  }
  button {
    font: inherit;
    margin: 0 0.5em 0.5em 0;
  }
  :focus-visible {
    outline: 2px solid var(--py-worker-run-focus-color);
    outline-offset: 1px;
  }
  summary {
    cursor: pointer;
    padding: 0 0.75em;
  }
`;

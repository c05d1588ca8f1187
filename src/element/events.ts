import type { OutputStream, RunError } from '../shared/protocol.js';

export interface PyRunDetail {
  /** The code being run. */
  code: string;
}

export interface PyOutputDetail {
  stream: OutputStream;
  text: string;
}

export interface PyResultDetail {
  /** The last expression as plain JS data (`null` for None); `undefined` where it cannot be converted. */
  value: unknown;
  repr: string;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface PyErrorDetail extends RunError {
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface PyWorkerRunEventMap {
  'py-run': CustomEvent<PyRunDetail>;
  'py-output': CustomEvent<PyOutputDetail>;
  'py-result': CustomEvent<PyResultDetail>;
  'py-error': CustomEvent<PyErrorDetail>;
}

/** Dispatches one of our events: bubbling and composed, so it crosses shadow roots. */
export function fire<K extends keyof PyWorkerRunEventMap>(
  target: EventTarget,
  type: K,
  detail: PyWorkerRunEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

import type { FromWorker, OutputStream } from '../../shared/protocol.js';
import type { RunOutcome } from '../job/outcome.js';
import { elapsed, failedRun, stoppedOutcome, type PoolSlot, type QueuedRun } from './queued-run.js';
import { writeLine } from './run-messages.js';

/** What a worker says about one run. */
export type RunReply = Extract<FromWorker, { type: 'output' | 'status' | 'input-request' | 'result' | 'error' }>;

export interface ReplyActions {
  /** Settles the run with its outcome. */
  finish: (outcome: RunOutcome) => void;
  /** The run broke its Python beyond repair (`reason`): the worker is replaced. */
  restartAfter: (reason: string) => void;
}

/**
 * Hands what `slot`'s worker said about `run` to the run's callbacks. A settled run's leftovers may
 * still write and display; only the run the worker is running asks for input and answers.
 */
export function handleRunReply(slot: PoolSlot, run: QueuedRun, message: RunReply, actions: ReplyActions): void {
  const isCurrent = slot.current === run;
  switch (message.type) {
    case 'output': {
      // Text is handed on once per stream between displays, however often the streams alternated.
      const pending = new Map<OutputStream, string>();
      const handOn = () => {
        for (const [stream, text] of pending) run.callbacks.onOutput?.(stream, text, run[stream].toString());
        pending.clear();
      };
      for (const segment of message.segments) {
        if ('display' in segment) {
          handOn();
          run.displays.push(segment.display);
          run.callbacks.onDisplay?.(segment.display);
          continue;
        }
        const { stream, text, dropped } = segment;
        run[stream].append(text, dropped);
        pending.set(stream, (pending.get(stream) ?? '') + text);
      }
      handOn();
      return;
    }
    case 'status':
      run.callbacks.onStatus?.(message.text);
      return;
    case 'input-request': {
      if (!isCurrent) return;
      const asked = run.callbacks.onInput?.(message.prompt) ?? Promise.resolve(null);
      void asked.then((text) => {
        if (slot.discarded || slot.current !== run) return;
        if (message.via === 'atomics' && slot.inputBuffer) writeLine(slot.inputBuffer, text);
        else slot.post({ type: 'input-reply', id: run.id, text });
      });
      return;
    }
    case 'result':
      if (!isCurrent) return;
      if (message.restart) actions.restartAfter(message.restart);
      actions.finish({
        ok: true,
        value: message.value,
        repr: message.repr,
        stdout: run.stdout.toString(),
        stderr: run.stderr.toString(),
        durationMs: elapsed(run),
        ...(message.rich ? { rich: message.rich } : {}),
        ...(run.displays.length ? { displays: run.displays } : {}),
      });
      return;
    case 'error':
      if (!isCurrent) return;
      if (message.restart) actions.restartAfter(message.restart);
      if (run.stopping && message.error.type === 'KeyboardInterrupt') {
        actions.finish(stoppedOutcome(run, run.stopping, 'interrupted', message.error.traceback));
      } else {
        actions.finish(failedRun(run, message.error));
      }
      return;
  }
}

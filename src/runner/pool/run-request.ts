import { RunnerErrorType, type FileRequest, type RunError, type RunRequest } from '../../shared/protocol.js';
import { filesOf } from '../job/files.js';
import type { RunJob } from '../job/outcome.js';
import { DEFAULT_FILENAME } from '../job/run-input.js';
import { unclonableContext } from './run-messages.js';
import type { PoolSlot, QueuedRun } from './queued-run.js';

/** What the worker is sent to run `job` as `run`: the job, with the page's files and the run's stop URL. */
export function runRequest(run: QueuedRun, job: RunJob, pageFiles: { files: FileRequest[]; maxFileBytes: number }): RunRequest {
  return {
    type: 'run',
    id: run.id,
    code: job.code,
    context: job.context,
    filename: job.filename ?? DEFAULT_FILENAME,
    packages: job.packages,
    session: job.session,
    resetSession: job.resetSession,
    stdin: job.stdin,
    interactiveInput: run.callbacks.onInput !== undefined,
    ...filesOf(job, pageFiles),
    stopURL: run.stopURL,
  };
}

/**
 * Posts `request` to `slot`. Framework state (Vue's reactive, MobX…) is a Proxy that structured clone
 * refuses: a plain copy goes instead, made by a chunk of its own (most pages never need it); a context
 * that cannot be copied either fails the run.
 */
export function postRun(slot: PoolSlot, run: QueuedRun, request: RunRequest, fail: (error: RunError) => void): void {
  try {
    slot.post(request);
  } catch {
    const refused = (error: unknown) => fail({ type: RunnerErrorType.context, message: unclonableContext(error), traceback: '' });
    import('./unwrap-proxies.js').then(({ unwrapProxies }) => {
      if (slot.current !== run || run.stopping) return; // stopped meanwhile
      try {
        slot.post({ ...request, context: unwrapProxies(request.context) as RunRequest['context'] });
      } catch (error) {
        refused(error);
      }
    }, refused);
  }
}

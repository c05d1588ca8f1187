// Each line marked WRONG must fail to type-check.
import { PyWorkerRun } from 'py-worker-run/react';

export const plain = (
  <py-worker-run
    context={123} // WRONG: an object or a JSON string
    timeout="soon" // WRONG: a number
    onpy-result={(event) => event.detail.nope} // WRONG: no such detail
  />
);
export const wrapped = <PyWorkerRun context={123} onPyError={(event) => event.detail.nope} />; // WRONG twice

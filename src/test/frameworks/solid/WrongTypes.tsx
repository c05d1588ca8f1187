// Each line marked WRONG must fail to type-check.
import 'py-worker-run/solid';

export const plain = (
  <py-worker-run
    context={123} // WRONG: an object or a JSON string
    timeout="soon" // WRONG: a number
    on:py-result={(event) => event.detail.nope} // WRONG: no such detail
  />
);

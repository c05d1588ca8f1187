import { PyWorkerRun } from 'py-worker-run/react'; // sets context and code after hydration too
import { useState } from 'react';

const code = 'import statistics\nstatistics.mean(values)';

export function Mean({ values }) {
  const [mean, setMean] = useState();
  return (
    <>
      <PyWorkerRun id="mean" context={{ values }} code={code} onPyResult={(event) => setMean(event.detail.value)} />
      <p id="mean-out">Mean: {String(mean)}</p>
    </>
  );
}

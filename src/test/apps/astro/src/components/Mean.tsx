import { PyWorkerRun } from 'py-worker-run/preact'; // sets context and code after hydration too
import { useState } from 'preact/hooks';

const code = 'import statistics\nstatistics.mean(values)';

export function Mean({ values }: { values: number[] }) {
  const [mean, setMean] = useState<unknown>();
  return (
    <>
      <PyWorkerRun id="mean" context={{ values }} code={code} onPyResult={(event) => setMean(event.detail.value)} />
      <p id="mean-out">Mean: {String(mean)}</p>
    </>
  );
}

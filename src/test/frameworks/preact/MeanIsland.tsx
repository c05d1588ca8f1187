import { PyWorkerRun } from 'py-worker-run/preact'; // <PyWorkerRun> sets context and code after hydration too
import { useState } from 'preact/hooks';

const code = 'import statistics\nstatistics.mean(values)';

export function MeanIsland({ values }: { values: number[] }) {
  const [mean, setMean] = useState<unknown>();
  return (
    <>
      <PyWorkerRun context={{ values }} code={code} onPyResult={(event) => setMean(event.detail.value)} />
      <p>Mean: {String(mean)}</p>
    </>
  );
}

import 'py-worker-run/preact'; // defines <py-worker-run> and types it in Preact's JSX
import { useState } from 'preact/hooks';

const code = 'import statistics\nstatistics.mean(values)';

export function Mean({ values }: { values: number[] }) {
  const [mean, setMean] = useState<unknown>();
  return (
    <>
      <py-worker-run id="mean" context={{ values }} code={code} onpy-result={(event) => setMean(event.detail.value)} />
      <p id="mean-out">Mean: {String(mean)}</p>
    </>
  );
}

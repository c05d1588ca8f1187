import 'py-worker-run/preact'; // defines <py-worker-run> and types it in Preact's JSX
import { useState } from 'preact/hooks';

export function Mean({ values }: { values: number[] }) {
  const [mean, setMean] = useState<unknown>();
  return (
    <>
      <py-worker-run context={{ values }} onpy-result={(event) => setMean(event.detail.value)}>
        {'import statistics\nstatistics.mean(values)'}
      </py-worker-run>
      <p>Mean: {String(mean)}</p>
    </>
  );
}

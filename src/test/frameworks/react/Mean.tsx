import 'py-worker-run/react'; // defines <py-worker-run> and types it in JSX
import { useState } from 'react';

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

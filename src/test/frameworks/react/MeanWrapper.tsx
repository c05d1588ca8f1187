'use client';
import { PyWorkerRun } from 'py-worker-run/react';
import { useState } from 'react';

export function MeanWrapper({ values }: { values: number[] }) {
  const [mean, setMean] = useState<unknown>();
  return (
    <>
      <PyWorkerRun context={{ values }} code={'import statistics\nstatistics.mean(values)'} onPyResult={(event) => setMean(event.detail.value)} />
      <p>Mean: {String(mean)}</p>
    </>
  );
}

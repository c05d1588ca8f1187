import 'py-worker-run/solid'; // defines <py-worker-run> and types it in Solid's JSX
import { createSignal } from 'solid-js';

const code = 'import statistics\nstatistics.mean(values)';

export function Mean(props: { values: number[] }) {
  const [mean, setMean] = createSignal<unknown>();
  return (
    <>
      <py-worker-run id="mean" context={{ values: props.values }} code={code} on:py-result={(event) => setMean(event.detail.value)} />
      <p id="mean-out">Mean: {String(mean())}</p>
    </>
  );
}

import 'py-worker-run/solid'; // defines <py-worker-run> and types it in Solid's JSX
import { createSignal } from 'solid-js';

export function Mean(props: { values: number[] }) {
  const [mean, setMean] = createSignal<unknown>();
  return (
    <>
      <py-worker-run context={{ values: props.values }} code={'import statistics\nstatistics.mean(values)'} on:py-result={(event) => setMean(event.detail.value)} />
      <p>Mean: {String(mean())}</p>
    </>
  );
}

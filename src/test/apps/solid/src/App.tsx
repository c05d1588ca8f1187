import 'py-worker-run/solid'; // defines <py-worker-run> and types it in Solid's JSX
import { createSignal, Show } from 'solid-js';
import hostile from '../../hostile.py?raw';

export function App() {
  const [values, setValues] = createSignal([1, 2, 3, 4]);
  const [mean, setMean] = createSignal<unknown>();
  const [renders, setRenders] = createSignal(0);
  const [shown, setShown] = createSignal(true);
  return (
    <>
      <Show when={shown()}>
        <py-worker-run id="mean" context={{ values: values() }} code={'import statistics\nstatistics.mean(values)'} on:py-result={(event) => setMean(event.detail.value)} />
      </Show>
      <p id="mean-out">Mean: {String(mean())}</p>
      <p id="renders">{renders()}</p>
      <button id="more" onClick={() => setValues([...values(), 5])}>More</button>
      <button id="same" onClick={() => { setValues([...values()]); setRenders(renders() + 1); }}>Same</button>
      <button id="toggle" onClick={() => setShown(!shown())}>Toggle</button>
      <py-worker-run id="hostile" code={hostile} />
    </>
  );
}

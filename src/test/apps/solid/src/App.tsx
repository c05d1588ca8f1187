// The page the app test drives (src/test/apps/check-app.mjs): Mean, with a new context, an equal one, removal.
import { createSignal, Show } from 'solid-js';
import hostile from '../../hostile.py?raw';
import { Mean } from './Mean';

export function App() {
  const [values, setValues] = createSignal([1, 2, 3, 4]);
  const [renders, setRenders] = createSignal(0);
  const [shown, setShown] = createSignal(true);
  return (
    <>
      <Show when={shown()}>
        <Mean values={values()} />
      </Show>
      <p id="renders">{renders()}</p>
      <button id="more" onClick={() => setValues([...values(), 5])}>More</button>
      <button id="same" onClick={() => { setValues([...values()]); setRenders(renders() + 1); }}>Same</button>
      <button id="toggle" onClick={() => setShown(!shown())}>Toggle</button>
      <py-worker-run id="hostile" code={hostile} />
    </>
  );
}

import 'py-worker-run/preact'; // defines <py-worker-run> and types it in Preact's JSX
import { useState } from 'preact/hooks';
import hostile from '../../hostile.py?raw';

export function App() {
  const [values, setValues] = useState([1, 2, 3, 4]);
  const [mean, setMean] = useState<unknown>();
  const [renders, setRenders] = useState(0);
  const [shown, setShown] = useState(true);
  return (
    <>
      {shown && (
        <py-worker-run id="mean" context={{ values }} code={'import statistics\nstatistics.mean(values)'} onpy-result={(event) => setMean(event.detail.value)} />
      )}
      <p id="mean-out">Mean: {String(mean)}</p>
      <p id="renders">{renders}</p>
      <button id="more" onClick={() => setValues([...values, 5])}>More</button>
      <button id="same" onClick={() => { setValues([...values]); setRenders(renders + 1); }}>Same</button>
      <button id="toggle" onClick={() => setShown(!shown)}>Toggle</button>
      <py-worker-run id="hostile" code={hostile} />
    </>
  );
}

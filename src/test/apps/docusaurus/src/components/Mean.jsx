import { PyWorkerRun } from 'py-worker-run/react'; // sets context and code after hydration too
import { useState } from 'react';

export function Mean() {
  const [values, setValues] = useState([1, 2, 3, 4]);
  const [mean, setMean] = useState();
  const [renders, setRenders] = useState(0);
  const [shown, setShown] = useState(true);
  return (
    <>
      {shown && <PyWorkerRun id="mean" context={{ values }} code={'import statistics\nstatistics.mean(values)'} onPyResult={(event) => setMean(event.detail.value)} />}
      <p id="mean-out">Mean: {String(mean)}</p>
      <p id="renders">{renders}</p>
      <button id="more" onClick={() => setValues([...values, 5])}>More</button>
      <button id="same" onClick={() => { setValues([...values]); setRenders(renders + 1); }}>Same</button>
      <button id="toggle" onClick={() => setShown(!shown)}>Toggle</button>
    </>
  );
}

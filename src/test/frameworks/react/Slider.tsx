import 'py-worker-run/react';
import { useState } from 'react';

/** A React-controlled slider bound to a cell with inputs: no effect or context written for it. */
export function Slider() {
  const [n, setN] = useState(5);
  const [doubled, setDoubled] = useState<unknown>();
  return (
    <>
      <input id="react-n" type="range" min={0} max={10} value={n} onChange={(event) => setN(Number(event.target.value))} />
      <py-worker-run inputs="n=#react-n" onpy-result={(event) => setDoubled(event.detail.value)}>
        {'n * 2'}
      </py-worker-run>
      <p>Doubled: {String(doubled)}</p>
    </>
  );
}

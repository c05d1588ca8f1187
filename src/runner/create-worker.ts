// Vite inlines the bundled worker into our module and starts it from a Blob URL,
// so it also starts when our script is served from another origin (a CDN).
import PythonWorker from '../worker/worker.ts?worker&inline';

export const createWorker = (): Worker => new PythonWorker({ name: 'py-worker-run' });

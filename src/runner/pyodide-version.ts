/** The Pyodide version this package is built and tested with (kept equal to package.json by a test). */
export const PYODIDE_VERSION = '314.0.7';

export const DEFAULT_INDEX_URL = `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`;

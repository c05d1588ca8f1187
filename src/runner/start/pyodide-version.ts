/** The Pyodide version this package is built and tested with (kept equal to package.json by a test). */
export const PYODIDE_VERSION = '314.0.7';

/** The CDN copy of that version (a test keeps the two equal; a template here left a dead `${…}` in the minified bundle). */
export const DEFAULT_INDEX_URL = 'https://cdn.jsdelivr.net/pyodide/v314.0.7/full/';

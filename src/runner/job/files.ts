import { RunInputError, type RunJob } from './outcome.js';
import { RunnerErrorType, type FileRequest, type RunRequest } from '../../shared/protocol.js';

/** What `files` accepts: `"a.csv b.txt:in/b.txt data.zip/*"`, a JSON object `{"url": "path"}`, an array of such entries, or that object. */
export type FilesSpec = string | string[] | Record<string, string>;

/** The archive endings Pyodide's `unpackArchive` (Python's `shutil.unpack_archive`) knows. */
const ARCHIVE = /\.(zip|tar|tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz)$/i;
/** A scheme and host (`https://example.com:8080`): the `:` that follows them separates the path. */
const ORIGIN = /^(blob:)?[a-z][a-z\d+.-]*:\/\/[^/]*/i;

/**
 * The files of a `files` attribute or `configure({ files })`, with absolute URLs (the worker has no
 * base URL). Throws a RunInputError saying what is wrong with an entry.
 */
export function parseFiles(spec: FilesSpec | null | undefined, base: string, where = 'The files attribute'): FileRequest[] {
  if (spec == null) return [];
  const entries = typeof spec === 'string' ? textEntries(spec, where) : Array.isArray(spec) ? spec.flatMap((text) => textEntries(text, where)) : Object.entries(spec);
  return entries.map(([source, target]) => fileRequest(source, target, base, where));
}

function textEntries(text: string, where: string): Array<[string, string | undefined]> {
  if (text.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new RunInputError(RunnerErrorType.input, `${where} is not valid JSON (${(error as Error).message}). Write {"data.csv": "in/data.csv"}, or URLs separated by spaces.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((value) => typeof value === 'string')) {
      throw new RunInputError(RunnerErrorType.input, `${where} must map each URL to a path, like {"data.csv": "in/data.csv"}.`);
    }
    return Object.entries(parsed as Record<string, string>);
  }
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const origin = ORIGIN.exec(token)?.[0].length ?? 0;
      const colon = token.indexOf(':', origin);
      return colon < 0 ? [token, undefined] : [token.slice(0, colon), token.slice(colon + 1)];
    });
}

function fileRequest(source: string, target: string | undefined, base: string, where: string): FileRequest {
  const fail = (why: string) => new RunInputError(RunnerErrorType.input, `${where}: "${source}${target === undefined ? '' : `:${target}`}" ${why}`);
  // PyScript's convention: "data.zip/*" or a target "folder/*" unpacks the archive.
  const unpackSource = source.endsWith('/*');
  const unpackTarget = target !== undefined && (target === '*' || target.endsWith('/*'));
  const urlText = unpackSource ? source.slice(0, -2) : source;
  if (!urlText) throw fail('names no URL.');
  let url: URL;
  try {
    url = new URL(urlText, base);
  } catch {
    throw fail('is not a URL.');
  }
  const name = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  if (unpackSource || unpackTarget) {
    const format = ARCHIVE.exec(url.pathname)?.[1];
    if (!format) throw fail('can only be unpacked if it ends in .zip, .tar, .tar.gz, .tgz, .tar.bz2 or .tar.xz.');
    const folder = unpackTarget ? target.slice(0, -1) : (target ?? '');
    return { url: url.href, path: folder.replace(/\/+$/, ''), unpack: format.toLowerCase() };
  }
  if (target === '') throw fail('has an empty path after the ":".');
  const path = target === undefined ? name : target.endsWith('/') ? `${target}${name}` : target;
  if (!path || path.endsWith('/')) throw fail('needs a file name: add one after a ":", like "https://example.com/data/:data.csv".');
  return { url: url.href, path };
}

/** What a run request carries: the page's files, then the run's own (nothing when there are none). */
export function filesOf(job: RunJob, page: { files: FileRequest[]; maxFileBytes: number }): Pick<RunRequest, 'files' | 'maxFileBytes'> {
  const files = [...page.files, ...(job.files ?? [])];
  return files.length ? { files, maxFileBytes: page.maxFileBytes } : {};
}

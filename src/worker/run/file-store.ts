import { describeError } from '../../shared/describe-error.js';
import { DEFAULT_MAX_FILE_BYTES, type FileRequest } from '../../shared/protocol.js';

/** The parts of Pyodide that write files. */
export interface FileSystemHost {
  FS: {
    cwd(): string;
    mkdirTree(path: string): void;
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
    analyzePath(path: string): { exists: boolean };
  };
  unpackArchive(buffer: Uint8Array, format: string, options?: { extractDir?: string }): void;
}

/** A file that could not be fetched, was too large, or could not be unpacked: the message says which and what to do. */
export class FileError extends Error {}

/**
 * The files runs asked for, fetched once per worker: each URL is fetched on first need (or while
 * Python boots, for the page's files) and written where asked; a later run naming it again finds it
 * there (copied if it asks for another path), and it is fetched again only if the code deleted it.
 */
export class FileStore {
  /** Downloads not yet written, by URL (dropped once written: the file system holds the bytes). */
  readonly #downloads = new Map<string, Promise<Uint8Array>>();
  /** Where each URL was written last (absolute path; for an archive, the folder and format). */
  readonly #written = new Map<string, string>();

  /** Starts fetching `files` now (while Python boots), to be written when a run needs them. */
  prefetch(files: FileRequest[] | undefined, maxBytes: number | undefined): void {
    for (const file of files ?? []) this.#download(file.url, maxBytes).catch(() => undefined); // a failure is reported to the run that needs the file
  }

  /** Writes `files` into `host`'s file system; throws a FileError naming the first that failed. */
  async place(host: FileSystemHost, files: FileRequest[], maxBytes: number | undefined, status: (text: string) => void): Promise<void> {
    await Promise.all(files.map((file) => this.#place(host, file, maxBytes, status)));
  }

  async #place(host: FileSystemHost, file: FileRequest, maxBytes: number | undefined, status: (text: string) => void): Promise<void> {
    const { FS } = host;
    const target = file.path.startsWith('/') ? file.path : `${FS.cwd()}/${file.path}`.replace(/\/+$/, '');
    const key = file.unpack ? `${target}\0${file.unpack}` : target;
    const before = this.#written.get(file.url);
    if (before === key && FS.analyzePath(target).exists) return;
    if (before && !file.unpack && !before.includes('\0') && FS.analyzePath(before).exists) {
      writeInto(FS, target, FS.readFile(before));
    } else {
      status(`Fetching ${file.url.slice(file.url.lastIndexOf('/') + 1)}…`);
      const bytes = await this.#download(file.url, maxBytes);
      if (file.unpack) {
        FS.mkdirTree(target);
        try {
          host.unpackArchive(bytes, file.unpack, { extractDir: target });
        } catch (error) {
          throw new FileError(`${file.url} could not be unpacked as a .${file.unpack} archive (${describeError(error).split('\n')[0]}). Check that the file is one.`);
        }
      } else {
        writeInto(FS, target, bytes);
      }
      this.#downloads.delete(file.url);
    }
    this.#written.set(file.url, key);
  }

  #download(url: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Uint8Array> {
    let download = this.#downloads.get(url);
    if (!download) {
      download = fetchCapped(url, maxBytes);
      // A failed fetch is tried again by the next run that needs it.
      download.catch(() => this.#downloads.delete(url));
      this.#downloads.set(url, download);
    }
    return download;
  }
}

function writeInto(FS: FileSystemHost['FS'], path: string, bytes: Uint8Array): void {
  const folder = path.slice(0, path.lastIndexOf('/'));
  if (folder) FS.mkdirTree(folder);
  FS.writeFile(path, bytes);
}

const realFetch = globalThis.fetch.bind(globalThis);

/** The body of `url`, refused beyond `maxBytes` (checked as it arrives: a Content-Length may be absent, or compressed). */
async function fetchCapped(url: string, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = (size?: number) =>
    new FileError(
      `${url} is larger than the limit of ${maxBytes.toLocaleString('en')} bytes${size ? ` (${size.toLocaleString('en')} bytes)` : ''}. ` +
        'Use a smaller file, or raise the limit with configure({ maxFileBytes }).',
    );
  let response: Response;
  try {
    response = await realFetch(url);
  } catch (error) {
    throw new FileError(
      `${url} could not be fetched (${describeError(error)}). Check the URL, that its server lets this page read it (CORS), and the page's Content-Security-Policy (connect-src).`,
    );
  }
  if (!response.ok) {
    throw new FileError(`${url} answered ${response.status} ${response.statusText}`.trim() + '. Check the URL (a relative one is resolved against the page).');
  }
  const declared = Number(response.headers.get('content-length'));
  if (!response.headers.get('content-encoding') && declared > maxBytes) {
    void response.body?.cancel();
    throw tooLarge(declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

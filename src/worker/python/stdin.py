"""sys.stdin of one py-worker-run run: its `stdin` text, or lines the reader types as input() asks."""

import io

import js as _worker_js  # the worker's own js module (loaded before the runner stands in for it)
from pyodide.ffi import can_run_sync, run_sync


class RunStdin(io.TextIOBase):
    """sys.stdin of one run: the `stdin` text, or lines asked of the page as input() needs them.

    A line is waited for by suspending Python while a promise settles (JSPI), or, on cross-origin
    isolated pages, by blocking the worker on shared memory until the page writes the line.
    """

    def __init__(self, text, ask=None, ask_blocking=None, prefer_blocking=False):
        self._buffer = io.StringIO(text or "")
        self._ask = ask  # a JS function (prompt) -> Promise<str | None>
        self._ask_blocking = ask_blocking  # a JS function (prompt) -> str | None
        self._prefer_blocking = prefer_blocking
        self.interactive = ask is not None or ask_blocking is not None
        self.prompt = ""

    def readable(self):
        return True

    def readline(self, size=-1):
        line = self._buffer.readline(size)
        if line or not self.interactive:
            return line
        if self._ask_blocking is not None and (self._prefer_blocking or not can_run_sync()):
            answer = self._ask_blocking(self.prompt)
        elif self._ask is not None and can_run_sync():
            answer = run_sync(self._ask(self.prompt))
        else:
            raise EOFError(NO_WAITING.format(why_no_shared_memory()))
        return "" if answer is None else answer + "\n"

    def read(self, size=-1):
        return self._buffer.read(size)


NO_WAITING = (
    "input() needs a line typed by the reader, but this browser cannot pause Python to wait for it: "
    "it has no WebAssembly stack switching (JSPI), and {}. "
    "Give the input in the element's stdin attribute instead."
)


def why_no_shared_memory():
    # The worker's own js module: the one code sees answers a run's context keys first.
    if getattr(_worker_js, "crossOriginIsolated", False):
        return "although the page is cross-origin isolated, this browser gives it no SharedArrayBuffer"
    return "the page is not cross-origin isolated (serve it with COOP/COEP headers to allow waiting on shared memory)"


class StdinBytes(io.BufferedIOBase):
    """sys.stdin.buffer: the same input, as UTF-8 bytes."""

    def __init__(self, text):
        self._text = text

    def readable(self):
        return True

    def read(self, size=-1):
        return self._text.read(-1 if size is None else size).encode()

    read1 = read

    def readline(self, size=-1):
        return self._text.readline(size).encode()

"""Runs one piece of user code for py-worker-run, inside the worker.

The worker calls `run(code, context, filename)` and gets back a plain JS object:
`{ok: true, value, repr}` or `{ok: false, error: {type, message, traceback}}`.
Nothing here keeps a reference to a run's namespace or context after the run.
"""

import base64
import builtins
import io
import linecache
import sys
import traceback
import types

import js as _worker_js
from pyodide.code import eval_code_async
from pyodide.ffi import JsProxy, can_run_sync, jsnull, run_sync, to_js

MAX_SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 100
MAX_ITEMS = 2_000_000
REPR_LIMIT = 100_000
# repr() of a structure nested deeper than this overflows the wasm C stack (a fatal error, not a
# RecursionError), so such values are shown with reprlib's abbreviated form instead.
REPR_SAFE_DEPTH = 500
_CONTAINERS = (list, tuple, dict, set, frozenset)

# The current run's context, as JsProxy values; read by the `js` module stand-in below.
_run_context: dict[str, object] = {}
# Namespaces of sessions (`session="NAME"`), kept between runs.
_sessions: dict[str, dict] = {}


class _JsWithContext(types.ModuleType):
    """Stands in for `js`: the current run's context keys first, then the worker's globals.

    Context never touches the worker's real globals, so it cannot leak into later runs
    or shadow something the worker itself needs (`postMessage`, `Object`, ...).
    """

    def __getattr__(self, name):
        if name in _run_context:
            return _run_context[name]
        return getattr(_worker_js, name)

    def __setattr__(self, name, value):
        setattr(_worker_js, name, value)

    def __delattr__(self, name):
        delattr(_worker_js, name)

    def __dir__(self):
        return sorted(set(dir(_worker_js)) | set(_run_context))


sys.modules["js"] = _JsWithContext("js")

# An instance booted from a memory snapshot would repeat the random sequence of the instance that
# made it: every worker starts its own.
if "random" in sys.modules:
    sys.modules["random"].seed()

# Not being a terminal, stdout would be block-buffered: a print before a long computation would
# show only at the end. Line buffering streams each line as it is printed.
for _stream in (sys.stdout, sys.stderr):
    _stream.reconfigure(line_buffering=True)


def _python_value(value):
    """A context value as Python data (JS null becomes None, not jsnull)."""
    if isinstance(value, JsProxy):
        value = value.to_py()
    return _denull(value)


def _denull(value):
    if value is jsnull:
        return None
    if isinstance(value, list):
        return [_denull(item) for item in value]
    if isinstance(value, dict):
        return {key: _denull(item) for key, item in value.items()}
    return value


class _TooLarge(Exception):
    pass


def _plain(obj, active, depth, budget):
    """`obj` as data that converts to plain JS: jsnull stands for None, None for "cannot convert"."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if obj is None or obj is jsnull:
        return jsnull
    if isinstance(obj, JsProxy):
        converted = obj.to_py()
        return None if isinstance(converted, JsProxy) else _plain(converted, active, depth + 1, budget)
    if isinstance(obj, bool):
        return bool(obj)
    if isinstance(obj, int):
        if not -MAX_SAFE_INTEGER <= obj <= MAX_SAFE_INTEGER:
            return None
        # Pyodide hands large ints to JS as BigInt; a float holds every safe integer exactly.
        return int(obj) if -(2**31) <= obj < 2**31 else float(obj)
    if isinstance(obj, float):
        return float(obj)
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return bytes(obj)
    if depth >= MAX_DEPTH or id(obj) in active:
        return None
    if isinstance(obj, (list, tuple, set, frozenset)):
        active.add(id(obj))
        try:
            return [_plain(item, active, depth + 1, budget) for item in obj]
        finally:
            active.discard(id(obj))
    if isinstance(obj, dict):
        if not all(isinstance(key, (str, int, float)) for key in obj):
            return None
        active.add(id(obj))
        try:
            return {str(key): _plain(item, active, depth + 1, budget) for key, item in obj.items()}
        finally:
            active.discard(id(obj))
    return None


def plain_value(obj):
    try:
        return _plain(obj, set(), 0, [MAX_ITEMS])
    except _TooLarge:
        return None


def _nested_deeper_than(obj, limit):
    seen = set()  # each container once: cycles and shared parts are not followed again
    stack = [(obj, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if id(item) in seen:
            continue
        seen.add(id(item))
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, _CONTAINERS))
    return False


def _safe_repr(obj):
    try:
        if isinstance(obj, _CONTAINERS) and _nested_deeper_than(obj, REPR_SAFE_DEPTH):
            import reprlib

            text = reprlib.repr(obj)
        else:
            text = repr(obj)
    except BaseException as exc:  # a broken __repr__ must not lose the run
        return f"<repr() failed: {type(exc).__name__}: {exc}>"
    if len(text) > REPR_LIMIT:
        return f"{text[:REPR_LIMIT]}… ({len(text) - REPR_LIMIT:,} more characters)"
    return text


def _user_traceback(exc, filename):
    """The traceback from the first frame of the user's code on: no runner or Pyodide frames."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _error(exc, filename):
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "traceback": _user_traceback(exc, filename),
    }


def _forget_last_error():
    for name in ("last_exc", "last_type", "last_value", "last_traceback"):
        if hasattr(sys, name):
            delattr(sys, name)


# --- rich output ---------------------------------------------------------------------------


def _as_text(data):
    return data.decode() if isinstance(data, bytes) else str(data)


def _as_base64(data):
    return base64.b64encode(data).decode() if isinstance(data, bytes) else str(data).strip()


def _figure_png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _is_figure(obj):
    return type(obj).__module__.startswith("matplotlib") and hasattr(obj, "savefig")


def rich_item(obj, allow_html):
    """`obj` as {mime, data, text} when it has a rich form we may show, else None."""
    forms = []
    if allow_html:
        forms.append(("_repr_html_", "text/html", _as_text))
    forms += [
        ("_repr_svg_", "image/svg+xml", _as_text),
        ("_repr_png_", "image/png", _as_base64),
        ("_repr_jpeg_", "image/jpeg", _as_base64),
    ]
    try:
        for method, mime, encode in forms:
            make = getattr(obj, method, None)
            if callable(make):
                data = make()
                if data is not None:
                    return {"mime": mime, "data": encode(data), "text": _safe_repr(obj)}
        if _is_figure(obj):
            return {"mime": "image/png", "data": _as_base64(_figure_png(obj)), "text": _safe_repr(obj)}
    except Exception as exc:  # a broken _repr_*_ falls back to the plain repr
        print(f"(could not show {type(obj).__name__} richly: {type(exc).__name__}: {exc})", file=sys.stderr)
    return None


def _open_figures():
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    figures = [pyplot.figure(number) for number in pyplot.get_fignums()]
    pyplot.close("all")
    return figures


# --- standard input ------------------------------------------------------------------------


class _RunStdin(io.TextIOBase):
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
            raise EOFError(
                "input() needs a line typed by the reader, but this browser cannot pause Python to wait for it "
                "(no WebAssembly stack switching, and the page is not cross-origin isolated). "
                "Give the input in the element's stdin attribute instead."
            )
        return "" if answer is None else answer + "\n"

    def read(self, size=-1):
        return self._buffer.read(size)


def _input_for(stdin):
    def input(prompt=""):  # noqa: A001 - stands in for the builtin during a run
        prompt = str(prompt)
        if prompt:
            sys.stdout.write(prompt)
            sys.stdout.flush()
        stdin.prompt = prompt
        line = stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line (the stdin text is used up, or there was none)")
        if stdin.interactive and prompt:
            sys.stdout.write(line)  # echo the typed line after its prompt, as a terminal does
        return line[:-1] if line.endswith("\n") else line

    return input


def _display_for(send, allow_html):
    def display(*objects):
        """Shows each object richly (an image, or HTML with allow-html), else as its repr."""
        for obj in objects:
            item = rich_item(obj, allow_html)
            if item is None:
                print(_safe_repr(obj))
            else:
                sys.stdout.flush()
                send(_as_js(item))

    return display


def _option(options, name):
    value = getattr(options, name, None)
    return None if value is jsnull else value


def _as_js(outcome):
    return to_js(outcome, dict_converter=_worker_js.Object.fromEntries, create_pyproxies=False)


async def run(code, context, filename, options):
    session = _option(options, "session")
    if _option(options, "resetSession"):
        _sessions.pop(session, None)
        return _as_js({"ok": True, "value": jsnull, "repr": ""})
    allow_html = bool(_option(options, "allowHtml"))
    send_display = _option(options, "display")
    namespace = _sessions.setdefault(session, {"__name__": "__main__"}) if session else {"__name__": "__main__"}
    injected = {}
    stdin_text = _option(options, "stdin")
    # With stdin text, running out of it is the end of input; without, lines are asked of the reader.
    if stdin_text is None:
        stdin = _RunStdin(
            None,
            _option(options, "askInput"),
            _option(options, "askInputBlocking"),
            bool(_option(options, "preferBlockingInput")),
        )
    else:
        stdin = _RunStdin(stdin_text)
    saved = sys.stdin, builtins.input, getattr(builtins, "display", None)
    sys.stdin, builtins.input = stdin, _input_for(stdin)
    builtins.display = _display_for(send_display, allow_html)
    # Tracebacks show the user's lines only if linecache knows the source.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        if context is not None:
            for key in _worker_js.Object.keys(context):
                value = getattr(context, key)
                _run_context[key] = value
                injected[key] = namespace[key] = _python_value(value)
        result = await eval_code_async(code, namespace, filename=filename)
        for figure in _open_figures():
            if figure is not result:
                builtins.display(figure)
        outcome = {
            "ok": True,
            "value": plain_value(result),
            "repr": "" if result is None else _safe_repr(result),
        }
        rich = None if result is None else rich_item(result, allow_html)
        if rich is not None:
            outcome["rich"] = rich
    except BaseException as exc:  # SystemExit and KeyboardInterrupt are reported, not raised
        if isinstance(exc, SystemExit) and exc.code in (None, 0):
            outcome = {"ok": True, "value": jsnull, "repr": ""}  # a normal exit is a success
        else:
            outcome = {"ok": False, "error": _error(exc, filename)}
        traceback.clear_frames(exc.__traceback__)
        del exc
        _forget_last_error()
    finally:
        _run_context.clear()
        # A session keeps what its code defined, not the context of one run.
        for key, value in injected.items():
            if namespace.get(key) is value:
                del namespace[key]
        sys.stdin, builtins.input, display = saved
        if display is None:
            del builtins.display
        else:
            builtins.display = display
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    return _as_js(outcome)

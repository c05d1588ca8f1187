"""Python values as py-worker-run shows them: plain JS data, a bounded repr, a rich form."""

import base64
import io
import sys

from pyodide.ffi import JsProxy, jsnull

MAX_SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 100
MAX_ITEMS = 2_000_000
REPR_LIMIT = 100_000
# repr() of a structure nested deeper than this overflows the wasm C stack (a fatal error, not a
# RecursionError), so such values are shown with reprlib's abbreviated form instead.
REPR_SAFE_DEPTH = 500
_CONTAINERS = (list, tuple, dict, set, frozenset)


def python_value(value):
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


def safe_repr(obj):
    try:
        if isinstance(obj, _CONTAINERS) and _nested_deeper_than(obj, REPR_SAFE_DEPTH):
            import reprlib

            text = reprlib.repr(obj)
        else:
            text = repr(obj)
    except KeyboardInterrupt:
        raise  # a stop or timeout that lands in __repr__ ends the run as such, not as a success
    except BaseException as exc:  # a broken __repr__ must not lose the run
        return f"<repr() failed: {type(exc).__name__}: {exc}>"
    return capped(text)


def capped(text, limit=REPR_LIMIT):
    """`text` cut at `limit` characters, saying how many more there were (the page renders all it gets)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


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


# In Jupyter's order of preference. HTML and Markdown are sanitised by the page (unless allow-html).
_RICH_FORMS = (
    ("_repr_html_", "text/html", _as_text),
    ("_repr_markdown_", "text/markdown", _as_text),
    ("_repr_svg_", "image/svg+xml", _as_text),
    ("_repr_png_", "image/png", _as_base64),
    ("_repr_jpeg_", "image/jpeg", _as_base64),
)


def rich_item(obj):
    """`obj` as {mime, data, text} when it has a rich form, else None."""
    try:
        for method, mime, encode in _RICH_FORMS:
            make = getattr(obj, method, None)
            if callable(make):
                data = make()
                if data is not None:
                    return {"mime": mime, "data": encode(data), "text": safe_repr(obj)}
        if _is_figure(obj):
            return {"mime": "image/png", "data": _as_base64(_figure_png(obj)), "text": safe_repr(obj)}
    except Exception as exc:  # a broken _repr_*_ falls back to the plain repr
        print(f"(could not show {type(obj).__name__} richly: {type(exc).__name__}: {exc})", file=sys.stderr)
    return None


def open_figures():
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    figures = [pyplot.figure(number) for number in pyplot.get_fignums()]
    pyplot.close("all")
    return figures


class _Text:
    def __init__(self, data):
        self.data = str(data)

    def __repr__(self):
        return self.data


class HTML(_Text):
    """Shown as HTML (sanitised unless the element has allow-html): `display(HTML("<b>hi</b>"))`."""

    def _repr_html_(self):
        return self.data


class Markdown(_Text):
    """Shown as Markdown rendered to sanitised HTML: `display(Markdown("# Title"))`."""

    def _repr_markdown_(self):
        return self.data


def public_module(display):
    """The module user code imports: `from py_worker_run import display, HTML, Markdown`."""
    import types

    module = types.ModuleType("py_worker_run", "Rich output in <py-worker-run>.")
    module.display, module.HTML, module.Markdown = display, HTML, Markdown
    return module

"""Runs one piece of user code for py-worker-run, inside the worker.

The worker calls `install(owners, post_display)` once, then `run(owner, code, context, filename,
options)` per run and gets back a plain JS object: `{ok: true, value, repr}` or
`{ok: false, error: {type, message, traceback}}`, with `restart` when the run broke the interpreter.
Nothing here keeps a reference to a run's namespace or context after the run.
"""

import ast
import asyncio
import builtins
import functools
import inspect
import io
import linecache
import signal
import sys
import traceback
import types
import warnings
import weakref

import js as _worker_js
from _py_worker_run_errors import forget_last_error, run_error
from _py_worker_run_interpreter import Interpreter
from _py_worker_run_stdin import RunStdin, StdinBytes
from _py_worker_run_values import open_figures, plain_value, public_module, python_value, rich_item, safe_repr
from pyodide.code import CodeRunner
from pyodide.ffi import jsnull, to_js
from pyodide.webloop import WebLoop


# The current run's context, as JsProxy values; read by the `js` module stand-in below.
_run_context: dict[str, object] = {}
# Namespaces of sessions (`session="NAME"`), kept between runs.
_sessions: dict[str, types.ModuleType] = {}

# Which run the executing code belongs to (the worker's RunOwners, in JS), and how to show a value.
_owners = None
_post_display = None
# Whether each run's element allows HTML, until the page releases the run (which runs are live is the JS side's).
# The run in progress and its stdin: only it may read input.
_active: tuple[int, object] | None = None


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


# --- standard input ------------------------------------------------------------------------


# What a run's leftovers read: nothing (they cannot take input meant for a later run).
_NO_STDIN = RunStdin(None)


def _current_stdin():
    if _active is not None and _active[0] == _owners.current:
        return _active[1]
    return _NO_STDIN


class _OwnedStdin(io.TextIOBase):
    """sys.stdin for every run: reads the stdin of the run the calling code belongs to."""

    name = "<stdin>"
    encoding = "utf-8"
    errors = "strict"

    def __init__(self):
        self.buffer = StdinBytes(self)

    def readable(self):
        return True

    def readline(self, size=-1):
        return _current_stdin().readline(size)

    def read(self, size=-1):
        return _current_stdin().read(size)


def input(prompt=""):  # noqa: A001 - installed as the builtin
    stdin = _current_stdin()
    prompt = str(prompt)
    if prompt:
        sys.stdout.write(prompt)
        sys.stdout.flush()
    stdin.prompt = prompt
    line = stdin.readline()
    if not line:
        raise EOFError("EOF when reading a line")
    if stdin.interactive and prompt:
        sys.stdout.write(line)  # echo the typed line after its prompt, as a terminal does
    return line[:-1] if line.endswith("\n") else line


def display(*objects):
    """Shows each object richly (HTML, Markdown, an image), else as its repr."""
    owner = _owners.current
    for obj in objects:
        item = rich_item(obj)
        if item is None:
            print(safe_repr(obj))
        else:
            sys.stdout.flush()
            _post_display(owner, _as_js(item))


def _flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


# --- print floods: block-buffered while they last (see output-ticks.ts) -----------------------

OUTPUT_SIGNAL = signal.SIGRTMAX
_output_tick = None


def _on_output_tick(signum, frame):
    """
    Raised every 50 ms while output floods: flushes, then buffers stdout by blocks while the flood goes
    on, by lines once it ends. stderr stays line-buffered, as in CPython.
    """
    try:
        # Flushed first, so that what the block buffer held counts towards this interval's output:
        # otherwise a flood slower than one full block per interval looked quiet.
        for stream in (sys.__stdout__, sys.__stderr__):
            stream.flush()
        flooding = _output_tick()
        _line_buffered(sys.__stdout__, not flooding)
    except Exception:
        pass  # a handler runs in the middle of the user's code: it must never raise there


def _line_buffered(stream, lines):
    if stream.line_buffering != lines:
        stream.reconfigure(line_buffering=lines)


# --- leftovers: asyncio callbacks run as the run that scheduled them -----------------------

_loop_call_later = WebLoop.call_later
# Each task's owner, so that releasing an owner cancels its tasks.
_task_owner: "weakref.WeakKeyDictionary[asyncio.Task, int]" = weakref.WeakKeyDictionary()


def _owned_call_later(self, delay, callback, *args, context=None):
    owner = _owners.current
    if owner:
        task = getattr(callback, "__self__", None)
        is_task = isinstance(task, asyncio.Task)
        if is_task:
            _task_owner.setdefault(task, owner)
        # A released owner's timed callbacks (`loop.call_later(1, tick)`) are dropped; its tasks go on
        # only to end their cancellation, and immediate callbacks (a future's done callbacks) always run.
        callback = functools.partial(_run_as, owner, not is_task and delay > 0, callback)
    return _loop_call_later(self, delay, callback, *args, context=context)


def _run_as(owner, droppable, callback, *args):
    if droppable and not _owners.isLive(owner):
        return None
    previous = _owners.enter(owner)
    try:
        return callback(*args)
    finally:
        _flush_streams()
        _owners.enter(previous)


def release(owner):
    """The page no longer shows what `owner` left behind: cancel its tasks, drop its callbacks."""
    for task, task_owner in list(_task_owner.items()):
        if task_owner == owner and not task.done():
            task.cancel()


_interpreter: Interpreter | None = None


def install(owners, post_display, output_tick):
    """Called once, before any user code: attributes output to runs, and notes the interpreter's state."""
    global _owners, _post_display, _output_tick, _interpreter
    _owners, _post_display, _output_tick = owners, post_display, output_tick
    signal.signal(OUTPUT_SIGNAL, _on_output_tick)
    builtins.display = display
    builtins.input = input
    sys.modules["py_worker_run"] = public_module(display)
    sys.stdin = _OwnedStdin()
    WebLoop.call_later = _owned_call_later
    _interpreter = Interpreter(signals=(signal.SIGINT, OUTPUT_SIGNAL))  # stops and timeouts; output ticks


# --- running -------------------------------------------------------------------------------


def _option(options, name):
    value = getattr(options, name, None)
    return None if value is jsnull else value


def _as_js(outcome):
    return to_js(outcome, dict_converter=_worker_js.Object.fromEntries, create_pyproxies=False)


def _main_module(session, filename):
    """
    The module the code runs as: `__main__`, as `python script.py` runs its file (with `__file__` the
    element's file name), a fresh one each run; a session's cells share one.
    """
    main = _sessions.get(session) if session else None
    if main is None:
        main = types.ModuleType("__main__")
        main.__builtins__ = builtins
        if session:
            _sessions[session] = main
    main.__file__ = filename
    return main


# A run whose code awaits at top level, between run() and run_awaiting().
_awaiting = None


# Compiled code by (source, file name), oldest first; code that warned when compiled is not kept.
_compiled_code: dict[tuple[str, str], CodeRunner] = {}


def _compiled(code, filename):
    """
    The code compiled as Pyodide's eval_code does (its value is the last expression's). Kept for the
    next runs of the same code: a re-run, or the same cell with a new context, skips the half of a
    small run's time that compiling takes (parsing, copying the tree, tokenizing its end). Code whose
    compiling warns (a SyntaxWarning) is compiled each time, so each run shows its warnings.
    """
    runner = _compiled_code.get((code, filename))
    if runner is not None:
        return runner
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Not dedented again: the page dedented what it writes indented, and a data: URL's code runs as it is.
        runner = CodeRunner(code, filename=filename, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dedent=False).compile()
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if not caught:
        if len(_compiled_code) >= 32:
            del _compiled_code[next(iter(_compiled_code))]
        _compiled_code[(code, filename)] = runner
    return runner


def run(owner, code, context, filename, options):
    """
    Runs one job and returns its outcome (a JS object). Code that awaits at top level returns None
    instead, and run_awaiting() runs it: only such code needs the event loop, whose every step costs
    a timer. Runs as `owner` (called with stack switching, it may start after its caller has returned).
    """
    previous = _owners.enter(owner)
    try:
        return _run(owner, code, context, filename, options)
    finally:
        _owners.enter(previous)


def _run(owner, code, context, filename, options):
    global _active, _awaiting
    broken = _interpreter.restore(files=False)  # what leftovers may have changed since the last run
    session = _option(options, "session")
    if _option(options, "resetSession"):
        _sessions.pop(session, None)
        return _as_js({"ok": True, "value": jsnull, "repr": ""})
    main = _main_module(session, filename)
    namespace = main.__dict__
    injected = {}
    stdin_text = _option(options, "stdin")
    # With stdin text, running out of it is the end of input; without, lines are asked of the reader.
    if stdin_text is None:
        stdin = RunStdin(
            None,
            _option(options, "askInput"),
            _option(options, "askInputBlocking"),
            bool(_option(options, "preferBlockingInput")),
        )
    else:
        stdin = RunStdin(stdin_text)
    _active = (owner, stdin)
    # Tracebacks show the user's lines only if linecache knows the source.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    state = (owner, filename, main, injected, broken)
    try:
        if context is not None:
            for key in _worker_js.Object.keys(context):
                value = getattr(context, key)
                _run_context[key] = value
                injected[key] = namespace[key] = python_value(value)
        runner = _compiled(code, filename)
        if runner.code is not None and runner.code.co_flags & inspect.CO_COROUTINE:
            _awaiting = (state, runner)
            return None
        sys.modules["__main__"] = main
        outcome = _succeeded(owner, runner.run(namespace))
    except BaseException as exc:  # SystemExit and KeyboardInterrupt are reported, not raised
        outcome = _failed(exc, filename)
    return _finish(state, outcome)


async def run_awaiting():
    """Runs the code that run() left to await."""
    global _awaiting
    (state, runner), _awaiting = _awaiting, None
    owner, filename, main = state[:3]
    try:
        sys.modules["__main__"] = main
        outcome = _succeeded(owner, await runner.run_async(main.__dict__))
    except BaseException as exc:
        outcome = _failed(exc, filename)
    return _finish(state, outcome)


def _succeeded(owner, result):
    for figure in open_figures():
        if figure is not result:
            display(figure)
    outcome = {
        "ok": True,
        "value": plain_value(result),
        "repr": "" if result is None else safe_repr(result),
    }
    rich = None if result is None else rich_item(result)
    if rich is not None:
        outcome["rich"] = rich
    return outcome


def _failed(exc, filename):
    if isinstance(exc, SystemExit) and exc.code in (None, 0):
        outcome = {"ok": True, "value": jsnull, "repr": ""}  # a normal exit is a success
    else:
        outcome = {"ok": False, "error": run_error(exc, filename)}
    traceback.clear_frames(exc.__traceback__)
    forget_last_error()
    return outcome


def _finish(state, outcome):
    """Puts the interpreter back after a run, and gives its outcome as JS."""
    global _active
    _, _, main, injected, broken = state
    _active = None
    _run_context.clear()
    # A session keeps what its code defined, not the context of one run.
    namespace = main.__dict__
    for key, value in injected.items():
        if namespace.get(key) is value:
            del namespace[key]
    sys.modules["__main__"] = _interpreter.modules["__main__"]
    _flush_streams()
    restart = _interpreter.restore() or broken
    _flush_streams()
    try:
        _line_buffered(sys.stdout, True)
    except Exception:
        pass
    if restart:
        outcome["restart"] = restart
    return _as_js(outcome)

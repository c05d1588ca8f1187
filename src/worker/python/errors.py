"""A failed run's error as py-worker-run shows it: the traceback `python script.py` would print."""

import sys
import traceback

from _py_worker_run_values import capped


def _ours(file):
    """Whether a frame's file is one of our modules: loadModules in python-host.ts names each `_py_worker_run….py`."""
    return file.startswith("_py_worker_run") and file.endswith(".py")


def user_traceback(exc, filename):
    """
    The traceback as `python script.py` prints it: from the first frame of the user's code on, without
    the runner's or Pyodide's frames before it, nor ours after it (input(), display()…).
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    last_theirs = None
    frame = tb
    while frame is not None:
        if not _ours(frame.tb_frame.f_code.co_filename):
            last_theirs = frame
        frame = frame.tb_next
    if last_theirs is not None:
        last_theirs.tb_next = None
    return "".join(traceback.format_exception(type(exc), exc, tb))


def run_error(exc, filename):
    # Capped like a repr: a 10 MB exception message would stall the page that renders it.
    return {
        "type": type(exc).__name__,
        "message": capped(str(exc)),
        "traceback": capped(user_traceback(exc, filename)),
    }


def forget_last_error():
    for name in ("last_exc", "last_type", "last_value", "last_traceback"):
        if hasattr(sys, name):
            delattr(sys, name)

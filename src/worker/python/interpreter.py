"""The interpreter state a run can change outside its namespace, and putting it back."""

import builtins
import io
import os
import signal
import sys
import warnings
from operator import is_


_SYS_NAMES = (
    "stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__",
    "displayhook", "excepthook", "unraisablehook", "breakpointhook", "ps1", "ps2",
)  # fmt: skip


class Interpreter:
    """What a run can change outside its namespace, as it was before any user code ran.

    `restore()` puts it back (before and after each run); it returns why the worker must be
    replaced when something cannot be put back, else None. Imported modules stay imported, and
    changes to their attributes are not undone. It runs twice per run, so the common case (nothing
    changed) is checked by identity at C speed.
    """

    def __init__(self, signals):
        """`signals`: those whose handlers the worker relies on (put back if a run replaces them)."""
        self.builtins = dict(builtins.__dict__)
        self.sys = {name: getattr(sys, name) for name in _SYS_NAMES if hasattr(sys, name)}
        self.modules = dict(sys.modules)
        self.path = list(sys.path)
        self.recursion_limit = sys.getrecursionlimit()
        self.int_digits = sys.get_int_max_str_digits()
        self.filters = warnings.filters
        self.filter_items = list(self.filters)
        self.showwarning = warnings.showwarning
        self.cwd = os.getcwd()
        self.environ = dict(os.environ)
        self.environ_data = dict(os.environ._data)  # encoded: compared without decoding every variable
        self.handlers = {sig: signal.getsignal(sig) for sig in signals}

    def restore(self, files=True):
        """`files`: also the working directory and the standard file descriptors (system calls)."""
        _put_back(builtins.__dict__, self.builtins, remove_others=True)
        _put_back(sys.modules, self.modules, remove_others=False)
        for name, value in self.sys.items():
            if getattr(sys, name, None) is not value:
                setattr(sys, name, value)
        if sys.gettrace() is not None:
            sys.settrace(None)
        if sys.getprofile() is not None:
            sys.setprofile(None)
        if sys.path != self.path:
            sys.path[:] = self.path
        sys.setrecursionlimit(self.recursion_limit)
        sys.set_int_max_str_digits(self.int_digits)
        if warnings.filters is not self.filters or warnings.filters != self.filter_items:
            warnings.filters = self.filters
            self.filters[:] = self.filter_items
            warnings._filters_mutated()
        warnings.showwarning = self.showwarning
        if os.environ._data != self.environ_data:
            os.environ.clear()
            os.environ.update(self.environ)
        for sig, handler in self.handlers.items():
            if signal.getsignal(sig) is not handler:
                signal.signal(sig, handler)
        return (self._restore_cwd() or self._check_streams()) if files else None

    def _restore_cwd(self):
        try:
            if os.getcwd() == self.cwd:
                return None
        except OSError:
            pass  # the directory was removed
        try:
            os.makedirs(self.cwd, exist_ok=True)
            os.chdir(self.cwd)
        except OSError as exc:
            return f"the working directory {self.cwd} could not be restored ({exc})"
        return None

    def _check_streams(self):
        for fd, name in ((1, "stdout"), (2, "stderr")):
            try:
                os.fstat(fd)
            except OSError:
                return f"the run closed standard {name.removeprefix('std')} (file descriptor {fd})"
            stream = self.sys[name]
            if stream.closed:  # sys.stdout.close(): the file descriptor is still open, so wrap it again
                fresh = io.TextIOWrapper(
                    io.FileIO(fd, "w", closefd=False), encoding=stream.encoding, errors=stream.errors, line_buffering=True
                )
                self.sys[name] = self.sys[f"__{name}__"] = fresh
                setattr(sys, name, fresh)
                setattr(sys, f"__{name}__", fresh)
        return None


_MISSING = object()


def _put_back(current, saved, remove_others):
    if all(map(is_, saved.values(), map(current.get, saved))) and (not remove_others or len(current) == len(saved)):
        return
    for name, value in saved.items():
        if current.get(name, _MISSING) is not value:
            current[name] = value
    if remove_others and len(current) != len(saved):
        for name in current.keys() - saved.keys():
            del current[name]

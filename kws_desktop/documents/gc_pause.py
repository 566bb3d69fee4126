"""Python's cycle collector held off while a document is laid out and drawn.

A long table makes hundreds of thousands of small objects (lines, cells, page streams) that all
live until the file is written; the collector scanned them again and again, a fifth of the
CPU time of a 300-page cash book. Nothing there needs collecting before the end, so collection
waits until the last document being built in the process is done (builds in several threads
nest correctly).
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()

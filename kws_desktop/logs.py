"""The log: stdlib logging to a rotating file in the user's log folder, and faulthandler on, so
that a crash (even one inside Qt) leaves its details for the trainer. Nothing here is ever shown
to the user as a traceback; the crash dialog offers the details to copy."""
from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import logging.handlers
import platform
import sys
import tempfile
import traceback
from pathlib import Path

LOGGER = "kws_desktop"
LOG_FILE = "kws-desktop.log"
CRASH_FILE = "crash.log"          # faulthandler writes here (a fatal error inside Qt or C code)
MAX_BYTES = 1_000_000
KEEP = 3

log = logging.getLogger(LOGGER)
_state: dict[str, object] = {}


def _usable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".tulis-coba"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def log_folder() -> Path | None:
    """Where the log is kept: the user's log folder, else a temporary folder (a computer where
    even that cannot be written: no log, the app still runs)."""
    if "folder" in _state:
        return _state["folder"]  # type: ignore[return-value]
    from kws_desktop.paths import user_log_dir
    folder = None
    for candidate in (user_log_dir, lambda: Path(tempfile.gettempdir()) / "kws-desktop-log"):
        try:
            path = candidate()
        except OSError:
            continue
        if _usable(path):
            folder = path
            break
    _state["folder"] = folder
    return folder


def log_file() -> Path | None:
    folder = log_folder()
    return folder / LOG_FILE if folder is not None else None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Once per process: the rotating log file and faulthandler. Returns the log file, or None."""
    if _state.get("set_up"):
        return log_file()
    _state["set_up"] = True
    log.setLevel(level)
    log.propagate = False
    path = log_file()
    if path is None:
        log.addHandler(logging.NullHandler())
    else:
        try:
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP,
                                                           encoding="utf-8", delay=True)
        except OSError:
            log.addHandler(logging.NullHandler())
            path = None
        else:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            log.addHandler(handler)
    _enable_faulthandler()
    return path


def _enable_faulthandler() -> None:
    folder = log_folder()
    try:
        if folder is not None:
            crash = folder / CRASH_FILE
            if crash.exists() and crash.stat().st_size > MAX_BYTES:  # one line per start: keep it small
                crash.replace(crash.with_suffix(".log.1"))
            stream = open(crash, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process
            stream.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {_program()}\n")
            stream.flush()
            _state["crash_stream"] = stream
            faulthandler.enable(file=stream, all_threads=True)
        elif sys.stderr is not None and hasattr(sys.stderr, "fileno"):
            faulthandler.enable(all_threads=True)
    except (OSError, ValueError, AttributeError):
        pass  # no file descriptor (a windowed program without a console): nothing to write to


def _program() -> str:
    from kws_desktop import __version__
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return f"KWS Desktop {__version__}{frozen}"


def log_exception(exc: BaseException, what: str = "unexpected error") -> None:
    log.error(what, exc_info=(type(exc), exc, exc.__traceback__))


def crash_details(exc: BaseException | None) -> str:
    """The text 'Salin rincian' copies: enough for a trainer or developer to see what happened."""
    lines = [
        _program(),
        f"{dt.datetime.now().isoformat(timespec='seconds')}",
        f"{platform.platform()} · Python {platform.python_version()}",
    ]
    path = log_file()
    if path is not None:
        lines.append(f"Log: {path}")
    if exc is not None:
        lines.append("")
        lines.extend("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip()
                     .splitlines())
    return "\n".join(lines)

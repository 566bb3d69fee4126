"""Writing document files safely: atomically, with one clear error when it cannot be done."""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kws_desktop.errors import UserError
from kws_desktop.i18n import _


class DocumentWriteError(UserError, OSError):
    """The output file cannot be written (no such folder, no permission, open in another app).

    ``str(error)`` (also ``.message``) is a message for users, in the current language:
    "Berkas tidak dapat ditulis: {path} ({reason})". ``path`` is the target and ``reason``
    the operating system's own explanation, when there is one. It is both a
    :class:`~kws_desktop.errors.UserError` (shown as is by the CLI and UI) and an OSError.
    """

    def __init__(self, path: os.PathLike[str] | str, reason: str | None = None):
        self.path = Path(path)
        self.reason = reason
        message = _("Berkas tidak dapat ditulis: {path}").format(path=self.path)
        if reason:
            message = f"{message} ({reason})"
        super().__init__(message)


def _reason(exc: OSError) -> str | None:
    from kws_desktop.os_errors import os_reason
    return os_reason(exc)


@contextlib.contextmanager
def atomic_output(path: os.PathLike[str] | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` in one step.

    Write the whole file to the yielded path. If the block raises, the temporary file is
    removed and ``path`` is left as it was. Any ``OSError`` (including from the final rename,
    e.g. the file is open in Excel on Windows) becomes :class:`DocumentWriteError`.
    """
    target = Path(path)
    try:
        if target.is_dir():
            raise IsADirectoryError(21, os.strerror(21))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise DocumentWriteError(target, _reason(exc)) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        if isinstance(exc, DocumentWriteError):
            raise
        raise DocumentWriteError(target, _reason(exc)) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

"""The log (rotating file in the user's log folder, faulthandler on) and the crash details the
dialog copies."""
from __future__ import annotations

import faulthandler
import logging
import subprocess
import sys

from kws_desktop import __version__, logs


def test_logging_goes_to_the_user_log_folder(tmp_path):
    code = ("import faulthandler, logging, sys; from kws_desktop import logs;"
            "p = logs.setup_logging(); logging.getLogger('kws_desktop.x').warning('halo');"
            "print(p); print(faulthandler.is_enabled())")
    import os
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.splitlines()
    log_file = tmp_path / "state" / "KWS Desktop" / "log" / "kws-desktop.log"
    assert out == [str(log_file), "True"]
    assert "halo" in log_file.read_text(encoding="utf-8")
    assert (log_file.parent / "crash.log").exists()


def test_unwritable_log_folder_falls_back(monkeypatch, tmp_path):
    monkeypatch.setattr(logs, "_state", {})
    monkeypatch.setattr("kws_desktop.paths.user_log_dir", lambda: (_ for _ in ()).throw(PermissionError(13, "x")))
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    assert logs.log_folder() == tmp_path / "kws-desktop-log"


def test_crash_details_carry_version_and_traceback():
    try:
        raise ValueError("uji")
    except ValueError as exc:
        text = logs.crash_details(exc)
    assert f"KWS Desktop {__version__}" in text
    assert "ValueError: uji" in text and "Traceback" in text


def test_log_exception_writes_the_traceback(caplog):
    logger = logging.getLogger(logs.LOGGER)
    logger.addHandler(caplog.handler)
    try:
        try:
            raise RuntimeError("rusak")
        except RuntimeError as exc:
            logs.log_exception(exc)
    finally:
        logger.removeHandler(caplog.handler)
    assert "RuntimeError: rusak" in caplog.text
    assert faulthandler is not None

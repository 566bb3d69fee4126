"""The Windows installer script (packaging/windows/kws-desktop.nsi): per user, shortcuts, .kws
opens in the app, and an uninstaller that removes only the program (never books). Compiled with
Debian's makensis on a tiny stand-in bundle (the real one is built on windows-latest)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NSI = ROOT / "packaging" / "windows" / "kws-desktop.nsi"


def _uninstall_section(text: str) -> str:
    return text[text.index('Section "Uninstall"'):]


def test_script_is_per_user_with_shortcuts_and_association():
    text = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text and "$LOCALAPPDATA\\Programs" in text
    assert "HKLM" not in text  # nothing needs administrator rights
    assert "$SMPROGRAMS\\${APP}.lnk" in text and "$DESKTOP\\${APP}.lnk" in text
    assert 'Software\\Classes\\.kws' in text and '"%1"' in text
    assert "VIProductVersion" in text and "MUI_ICON" in text


def test_uninstaller_never_deletes_books():
    section = _uninstall_section(NSI.read_text(encoding="utf-8"))
    assert not re.search(r'RMDir\s+/r\s+"\$INSTDIR"', section)  # never the whole folder
    assert "$DOCUMENTS" not in section and "KWS\\" not in section.replace("Dokumen\\KWS", "")
    assert not re.search(r"Delete\s+.*\*", section)  # no wildcard deletes
    assert 'RMDir "$INSTDIR"' in section  # removed only when empty


def test_version_matches_the_package():
    from kws_desktop import __version__
    assert f'!define VERSION "{__version__}"' in NSI.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian: nsis) is not installed")
def test_script_compiles(tmp_path):
    bundle = tmp_path / "KWS-Desktop"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("KWSDesktop.exe", "kws-desktop.exe", "_internal/base_library.zip"):
        (bundle / name).write_bytes(b"stand-in")
    out = tmp_path / "setup.exe"
    done = subprocess.run(["makensis", "-V2", "-DVERSION=1.0.0", f"-DBUNDLE={bundle}", f"-DOUTFILE={out}",
                           str(NSI)], cwd=NSI.parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert out.read_bytes()[:2] == b"MZ"

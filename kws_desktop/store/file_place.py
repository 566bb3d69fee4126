"""Where a book file lies, as far as safe writing is concerned: a second name of the same file
(a hard link), or a network folder where SQLite's locks do not hold."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# File systems on which SQLite's file locks are not reliable between computers.
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p",
                        "davfs", "fuse.davfs2", "afs", "ncpfs", "fuse.rclone", "fuse.gvfsd-fuse"}


def has_second_name(path: Path) -> bool:
    """The file is also reachable under another name (a hard link)."""
    try:
        return os.stat(path).st_nlink > 1
    except OSError:
        return False


def network_kind(path: Path) -> str | None:
    """The kind of network folder `path` lies in ("nfs", "cifs", "jaringan Windows"), or None."""
    real = Path(path).resolve()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_network(real)
    return _posix_network(real)


def _posix_network(real: Path, mountinfo: str | None = None) -> str | None:
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    lines = mountinfo.splitlines()
    best, kind = "", None
    text = str(real)
    for line in lines:
        left, _sep, right = line.partition(" - ")
        fields = left.split()
        if len(fields) < 5 or not right:
            continue
        point = fields[4].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, right.split()[0]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


def _windows_network(real: Path) -> str | None:  # pragma: no cover
    text = str(real)
    if text.startswith("\\\\"):
        return "jaringan Windows"
    import ctypes
    drive = real.drive + "\\"
    DRIVE_REMOTE = 4
    if ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(drive)) == DRIVE_REMOTE:
        return "jaringan Windows"
    return None

#!/usr/bin/env python3
"""Set up a private environment and run KWS Desktop or its tests.

    python3 dev.py run [BOOK]      set up, then open the app
    python3 dev.py test [ARGS]     set up, then run the whole test suite (ARGS go to pytest)
    python3 dev.py cli ARGS        set up, then run the command line (kws-desktop ARGS)
    python3 dev.py bench [ARGS]    set up, then run the benchmark (benchmarks/run.py ARGS)
    python3 dev.py bundle [--smoke]
                                   set up, then build the self-contained folder with PyInstaller
                                   (dist/KWS-Desktop/); --smoke then runs its executables with no
                                   Python and an empty environment (packaging/smoke_test.py)

Needs only Python 3.11+. Creates `.venv/` beside this file and installs the project into it
(again whenever pyproject.toml changes). On Debian/Ubuntu as root it also installs the few
system libraries Qt needs when they are missing (the X11/xcb ones included: without them the
window cannot open on a Linux desktop); elsewhere it names what is missing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".kws-installed"

# Shared libraries the PySide6 wheels load on Linux, with the Debian package providing each.
QT_SYSTEM_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    # Qt's xcb platform plugin (the window on an X11 desktop): "Could not load the Qt platform
    # plugin xcb" when one of these is missing.
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
# The same libraries on other Linux families, for the message when they cannot be installed here.
OTHER_SYSTEMS_HINT = ("Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-image "
                      "xcb-util-keysyms xcb-util-renderutil libxkbcommon-x11 mesa-libEGL; "
                      "Arch: sudo pacman -S xcb-util-cursor xcb-util-wm xcb-util-image xcb-util-keysyms "
                      "xcb-util-renderutil libxkbcommon-x11")


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def missing_linux_libraries() -> dict[str, str]:
    """The shared libraries Qt needs that this Linux does not have: {library: Debian package}."""
    if not sys.platform.startswith("linux"):
        return {}
    ldconfig = shutil.which("ldconfig") or ("/sbin/ldconfig" if Path("/sbin/ldconfig").exists() else None)
    if not ldconfig:
        return {}
    known = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    return {lib: pkg for lib, pkg in QT_SYSTEM_LIBS.items() if lib not in known}


def missing_linux_packages(with_test_tools: bool, with_xvfb: bool = False) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    wanted = sorted(set(missing_linux_libraries().values()))
    if (with_test_tools or with_xvfb) and not shutil.which("Xvfb"):
        wanted.append("xvfb")  # the bundle's smoke test opens the window on a real X display
    if with_test_tools and not postgres_bin_dir():
        wanted.append("postgresql")
    if with_test_tools and not shutil.which("ledger"):
        wanted.append("ledger")  # the ledger export is checked against the real tools
    if with_test_tools and not shutil.which("hledger"):
        wanted.append("hledger")  # ... and its statements (bs, is, cf) against the app's
    if with_test_tools and not shutil.which("makensis"):
        wanted.append("nsis")  # the Windows installer script is compiled (tests/test_installer_script.py)
    return wanted


def ensure_system_packages(with_test_tools: bool, with_xvfb: bool = False) -> None:
    wanted = missing_linux_packages(with_test_tools, with_xvfb)
    if not wanted:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted], env=env)
        return
    libraries = missing_linux_libraries()
    print("Perhatian: pustaka sistem yang dibutuhkan belum terpasang.", file=sys.stderr)
    if libraries:
        print("  Tanpa pustaka ini jendela aplikasi tidak bisa dibuka ('Could not load the Qt "
              "platform plugin xcb'): " + ", ".join(libraries), file=sys.stderr)
    if shutil.which("apt-get"):
        print("  Pasang dengan: sudo apt-get install " + " ".join(wanted), file=sys.stderr)
    else:
        print("  Debian/Ubuntu: " + " ".join(wanted), file=sys.stderr)
        print("  " + OTHER_SYSTEMS_HINT, file=sys.stderr)


def postgres_bin_dir() -> Path | None:
    """Where initdb and pg_ctl live (Debian keeps them out of PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class TestPostgres:
    """A throwaway PostgreSQL server on a free local port for the test suite."""

    def __init__(self) -> None:
        self.bin = postgres_bin_dir()
        self.dir: Path | None = None
        self.url: str | None = None

    def _as_server_user(self, cmd: list[str]) -> list[str]:
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # the server refuses to run as root
            return ["runuser", "-u", "postgres", "--", *cmd]
        return cmd

    def start(self) -> str | None:
        if self.bin is None:
            return None
        import socket
        import tempfile
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.dir = Path(tempfile.mkdtemp(prefix="kws-pg-"))
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        try:
            subprocess.run(self._as_server_user([str(self.bin / "initdb"), "-D", str(data), "-A", "trust",
                                                 "-U", "postgres", "-E", "UTF8"]),
                           check=True, capture_output=True)
            opts = f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
            subprocess.run(self._as_server_user([str(self.bin / "pg_ctl"), "-D", str(data), "-o", opts,
                                                 "-l", str(self.dir / "log"), "-w", "start"]),
                           check=True, capture_output=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"PostgreSQL tidak bisa dijalankan untuk pengujian: {exc}", file=sys.stderr)
            return None
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        return self.url

    def stop(self) -> None:
        if self.dir is None:
            return
        subprocess.run(self._as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"),
                                             "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


EXTRAS = "test,bundle"  # the test suite, and PyInstaller for `bundle` (and its smoke test)


def ensure_venv() -> None:
    if not venv_python().exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    py = str(venv_python())
    run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[{EXTRAS}]"])
    STAMP.write_text(wanted)


BUNDLE = ROOT / "dist" / "KWS-Desktop"


def build_bundle(py: str) -> int:
    """dist/KWS-Desktop/: PyInstaller's one-folder build of packaging/kws-desktop.spec."""
    import time
    started = time.monotonic()
    code = subprocess.run([py, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                           "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
                           str(ROOT / "packaging" / "kws-desktop.spec")], cwd=ROOT).returncode
    if code:
        return code
    if sys.platform.startswith("linux"):  # the menu entry, its icon and the .kws type, beside the programs
        for name in ("kws-desktop.desktop", "kws-book.xml", "install.sh"):
            shutil.copy2(ROOT / "packaging" / "linux" / name, BUNDLE / name)
    size = sum(f.lstat().st_size for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"Bundel selesai: {BUNDLE} ({size / 2**20:.0f} MiB, {time.monotonic() - started:.0f} s)")
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print("KWS Desktop membutuhkan Python 3.11 atau lebih baru.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"run", "test", "cli", "bench", "bundle"}:
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    ensure_system_packages(with_test_tools=action in ("test", "bench"),
                           with_xvfb=action == "bundle" and "--smoke" in rest)
    ensure_venv()
    py = str(venv_python())
    if action == "bundle":
        code = build_bundle(py)
        if code or "--smoke" not in rest:
            return code
        return subprocess.run([py, str(ROOT / "packaging" / "smoke_test.py"), str(BUNDLE)],
                              cwd=ROOT).returncode
    if action == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        server = TestPostgres()
        url = server.start()
        if url:
            env["KWS_TEST_PG_URL"] = url
        else:
            print("Perhatian: tanpa PostgreSQL, pengujian PostgreSQL dilewati.", file=sys.stderr)
        try:
            return subprocess.run([py, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
        finally:
            server.stop()
    if action == "bench":
        return subprocess.run([py, str(ROOT / "benchmarks" / "run.py"), *rest], cwd=ROOT).returncode
    return subprocess.run([py, "-m", "kws_desktop", *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Smoke test of the built bundle: its own executables, no venv, no Python on PATH, and an
empty environment apart from what the operating system needs.

    python packaging/smoke_test.py dist/KWS-Desktop [--screenshot FILE.png]

Steps: `kws-desktop --version`, `demo`, `list receipts`, `receipt` to a PDF, a refused command
gives one sentence (no traceback), and the window (`KWSDesktop BOOK`) painted with the book
open (KWS_DESKTOP_EXIT_AFTER_PAINT=1). On Linux the window opens on a real X display when Xvfb
is installed (offscreen otherwise; KWS_SMOKE_REQUIRE_X=1 makes a missing Xvfb a failure).
Exit 0 when all passed, 1 otherwise. Standard library only: it runs with any Python.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
TIMEOUT = 300


def clean_env(home: Path) -> dict[str, str]:
    """What the OS needs and nothing else: no PYTHON*, no VIRTUAL_ENV, no Python on PATH."""
    env: dict[str, str] = {}
    if WINDOWS:
        keep = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "NUMBER_OF_PROCESSORS",
                "PROCESSOR_ARCHITECTURE", "USERNAME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH",
                "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "TEMP", "TMP", "PUBLIC")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        system_root = env.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = os.pathsep.join([system_root + r"\System32", system_root])
    else:
        env = {"HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(home / "tmp")}
        (home / "tmp").mkdir(parents=True, exist_ok=True)
        env["PATH"] = os.pathsep.join(d for d in ("/usr/local/bin", "/usr/bin", "/bin")
                                      if not _has_python(Path(d)))
    return env


def _has_python(folder: Path) -> bool:
    return any(folder.glob("python*"))


class Smoke:
    def __init__(self, bundle: Path, work: Path):
        self.bundle = bundle
        self.work = work
        self.env = clean_env(work / "home")
        self.failures: list[str] = []
        self.timings: dict[str, float] = {}

    def run(self, name: str, args: list[str], *, expect: int = 0, env: dict | None = None,
            exe: str = "kws-desktop") -> subprocess.CompletedProcess:
        program = self.bundle / f"{exe}{EXE}"
        started = time.monotonic()
        try:
            done = subprocess.run([str(program), *args], env=env or self.env, cwd=self.work,
                                  capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.fail(name, f"could not run {program}: {exc}")
            return subprocess.CompletedProcess(args, -1, "", "")
        self.timings[name] = time.monotonic() - started
        ok = done.returncode == expect and "Traceback" not in done.stdout + done.stderr
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({self.timings[name]:.2f} s, exit {done.returncode})",
              flush=True)
        if not ok:
            self.fail(name, f"exit {done.returncode}, wanted {expect}\nstdout:\n{done.stdout[-3000:]}"
                            f"\nstderr:\n{done.stderr[-3000:]}")
        return done

    def fail(self, name: str, detail: str) -> None:
        self.failures.append(name)
        print(f"FAIL {name}: {detail}", file=sys.stderr, flush=True)

    def check(self, name: str, condition: bool, detail: str = "") -> None:
        print(f"{'ok  ' if condition else 'FAIL'} {name}", flush=True)
        if not condition:
            self.fail(name, detail)


def _free_display() -> int:
    for n in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


class Xvfb:
    """A private X server for the window step (Linux)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def start(self) -> bool:
        xvfb = shutil.which("Xvfb")
        if WINDOWS or sys.platform == "darwin" or not xvfb:
            return False
        n = _free_display()
        self.proc = subprocess.Popen([xvfb, f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                self.display = f":{n}"
                time.sleep(0.2)
                return True
            time.sleep(0.05)
        self.stop()
        return False

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    bundle = Path(argv[0]).resolve()
    screenshot = Path(argv[argv.index("--screenshot") + 1]).resolve() if "--screenshot" in argv else None
    if not (bundle / f"kws-desktop{EXE}").exists() or not (bundle / f"KWSDesktop{EXE}").exists():
        print(f"FAIL no bundle in {bundle} (build it with: python3 dev.py bundle)", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="kws-smoke-"))
    smoke = Smoke(bundle, work)
    x = Xvfb()
    try:
        from_version = smoke.run("--version", ["--version"])
        smoke.check("version printed", from_version.stdout.strip().startswith("kws-desktop "),
                    from_version.stdout)
        book = work / "demo.kws"
        smoke.run("demo", ["demo", str(book), "--orders", "12", "--years", "1", "--seed", "3"])
        listed = smoke.run("list receipts", ["list", "receipts", str(book), "--format", "json"])
        try:
            number = json.loads(listed.stdout)[0]["number"]
        except (ValueError, LookupError, TypeError):
            smoke.fail("receipt number", listed.stdout[-500:])
            number = None
        if number:
            pdf = work / "kuitansi.pdf"
            smoke.run("receipt", ["receipt", str(book), number, "--out", str(pdf)])
            smoke.check("receipt is a PDF", pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
                        and pdf.stat().st_size > 5000)
        refused = smoke.run("refused in one sentence", ["check", str(work / "hilang" / "buku.kws")], expect=1)
        smoke.check("refusal is short", 0 < len(refused.stderr.strip().splitlines()) <= 3, refused.stderr)

        env = dict(smoke.env, KWS_DESKTOP_EXIT_AFTER_PAINT="1")
        if x.start():
            env["DISPLAY"] = x.display
            where = f"X display {x.display} (Xvfb)"
        elif os.environ.get("KWS_SMOKE_REQUIRE_X"):
            smoke.fail("window", "Xvfb is not installed (KWS_SMOKE_REQUIRE_X=1)")
            where = ""
        else:
            if not WINDOWS:
                env["QT_QPA_PLATFORM"] = "offscreen"
            where = "the desktop" if WINDOWS else "offscreen (no Xvfb here)"
        if where:
            painted = smoke.run(f"window on {where}", [str(book)], exe="KWSDesktop", env=env)
            figures = [line for line in painted.stdout.splitlines() if line.startswith("figures_after_s=")]
            smoke.check("window painted with the book open", bool(figures), painted.stdout + painted.stderr)
            for line in painted.stdout.splitlines():
                if "=" in line and line.split("=")[0].endswith("_s"):
                    print(f"     {line}")
            if screenshot is not None and x.display:
                shoot(smoke, env, book, screenshot)
    finally:
        x.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({k: round(v, 2) for k, v in smoke.timings.items()}))
    if smoke.failures:
        print(f"Smoke test FAILED: {', '.join(smoke.failures)}", file=sys.stderr)
        return 1
    print("Smoke test passed.")
    return 0


def shoot(smoke: Smoke, env: dict, book: Path, target: Path) -> None:
    """The first start of the window (no settings yet, no book given) on the X display, grabbed
    with ImageMagick's `import` after it has painted (for docs/screenshots)."""
    grab = shutil.which("import")
    if grab is None:
        smoke.fail("screenshot", "ImageMagick's import is not installed")
        return
    first = dict(env)
    first.pop("KWS_DESKTOP_EXIT_AFTER_PAINT", None)
    first["HOME"] = str(smoke.work / "first-home")
    Path(first["HOME"]).mkdir()
    proc = subprocess.Popen([str(smoke.bundle / f"KWSDesktop{EXE}")], env=first, cwd=smoke.work)
    try:
        time.sleep(12)
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([grab, "-display", env["DISPLAY"], "-window", "root", str(target)], check=True,
                       env=dict(os.environ, DISPLAY=env["DISPLAY"]))
        print(f"ok   screenshot {target}")
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The self-contained folder (PyInstaller, packaging/kws-desktop.spec) builds from this checkout
and its own executables work with no Python on PATH and an empty environment: --version, demo,
a kuitansi to PDF, a refusal in one sentence, and the window painted with the book open
(packaging/smoke_test.py; a real X display under Xvfb when installed). About 1.5 minutes on
two cores; .ci/run requires it (KWS_REQUIRE_BUNDLE=1)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("KWS_REQUIRE_BUNDLE"):
            pytest.fail("KWS_REQUIRE_BUNDLE is set but PyInstaller is not installed (dev.py installs it)")
        pytest.skip("PyInstaller is not installed (python3 dev.py test installs the 'bundle' extra)")
    work = tmp_path_factory.mktemp("bundle")
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                           str(ROOT / "packaging" / "kws-desktop.spec")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-5000:]
    return work / "dist" / "KWS-Desktop"


def test_bundle_carries_what_the_app_reads(bundle):
    inside = bundle / "_internal"
    for needed in ("kws_desktop/_data/resources/fonts/DejaVuSans.ttf",
                   "kws_desktop/_data/resources/icons/kws-desktop.png",
                   "kws_desktop/_data/i18n/en/LC_MESSAGES/kws_desktop.po",
                   "kws_desktop/store/migrations/env.py",
                   "babel/locale-data/id_ID.dat", "babel/locale-data/root.dat"):
        assert (inside / needed).is_file(), needed
    shipped = sorted(p.name for p in (inside / "kws_desktop/store/migrations/versions").glob("*.py"))
    source = sorted(p.name for p in (ROOT / "kws_desktop/store/migrations/versions").glob("*.py"))
    assert shipped == source  # every revision, new ones included
    locales = {p.name for p in (inside / "babel/locale-data").glob("*.dat")}
    assert locales <= {"root.dat", "id.dat", "id_ID.dat", "en.dat", "en_US.dat"}
    names = {p.name.lower() for p in inside.rglob("*")}
    for unused in ("libqt6qml.so.6", "libqt6quick.so.6", "libqt6webenginecore.so.6", "qt6qml.dll",
                   "qt6quick.dll", "qt6webenginecore.dll"):
        assert unused not in names, unused


def test_bundle_smoke(bundle):
    """Fails when the bundle cannot start; the script prints each step and its time."""
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(bundle)],
                          capture_output=True, text=True, timeout=900)
    print(done.stdout)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "figures_after_s=" in done.stdout

"""An installed wheel (not only a source checkout) finds its resources and translations."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_and_finds_data(tmp_path):
    from hatchling.builders.wheel import WheelBuilder
    builder = WheelBuilder(str(ROOT))
    wheel = Path(next(builder.build(directory=str(tmp_path), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("kws_desktop/_data/resources/kecamatan-tangerang.txt",
                   "kws_desktop/_data/resources/fonts/DejaVuSans.ttf",
                   "kws_desktop/_data/i18n/en/LC_MESSAGES/kws_desktop.po",
                   "kws_desktop/store/migrations/versions/0001_initial.py"):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import kws_desktop.paths as p, kws_desktop.i18n as i;"
            "print(p.resources_dir()); print(p.i18n_dir());"
            "i.set_language('en'); print(i._('Buku: {name}'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": ""}).stdout.splitlines()
    assert out[0].startswith(str(site)) and out[1].startswith(str(site))

"""Shared helpers for document tests."""
from __future__ import annotations

import pytest

from kws_desktop.core.profile import KwsProfile

from .helpers import png_logo


@pytest.fixture
def profile() -> KwsProfile:
    return KwsProfile(
        name="KWS Tirta Mandiri", address="Jl. Raya Serang No. 7", desa="Pasir Nangka",
        kecamatan="Tigaraksa", kabupaten="Kabupaten Tangerang", provinsi="Banten",
        phone="0812-3456-7890", leader_name="Siti Aminah", treasurer_name="Dewi Lestari",
        logo_png=png_logo(),
    )

"""The KWS profile printed on every document."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KwsProfile:
    name: str = ""
    address: str = ""
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""
    provinsi: str = ""
    phone: str = ""
    email: str = ""
    leader_name: str = ""
    treasurer_name: str = ""
    bank_name: str = ""
    bank_account: str = ""
    bank_holder: str = ""
    logo_png: bytes | None = None

    @property
    def place(self) -> str:
        """The place written before the date on letters ("Tigaraksa, 28 November 2026")."""
        return self.kecamatan or self.kabupaten or self.desa

    @property
    def address_line(self) -> str:
        parts = [self.address, self.desa, self.kecamatan and f"Kec. {self.kecamatan}", self.kabupaten]
        return ", ".join(p for p in parts if p)

"""Who pays for a unit: the household itself or a program. One unit often has several payers."""
from __future__ import annotations

from enum import StrEnum


class PayerType(StrEnum):
    SWADAYA = "swadaya"   # the household itself
    APBD = "apbd"         # district budget
    DAK = "dak"           # special allocation fund
    BAZNAS = "baznas"     # zakat agency
    CSR = "csr"           # company funds
    KREDIT = "kredit"     # microcredit, cooperative
    LAINNYA = "lainnya"   # any other payer


# Labels as printed (the same in both languages: these are the names programs use).
PAYER_LABELS = {
    PayerType.SWADAYA: "Swadaya",
    PayerType.APBD: "APBD",
    PayerType.DAK: "DAK",
    PayerType.BAZNAS: "BAZNAS",
    PayerType.CSR: "CSR",
    PayerType.KREDIT: "Kredit",
    PayerType.LAINNYA: "Lainnya",
}

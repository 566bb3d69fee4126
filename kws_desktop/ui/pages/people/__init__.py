"""People: the Anggota area (register, wages and kasbon, profit sharing, member income)."""

AREA = "anggota"  # the area key its windows report their changes to

"""People: the Anggota area (register, wages and kasbon, profit sharing, member income)."""

"""KWS Desktop: bookkeeping and documents for Kelompok Wirausaha Sanitasi."""

__version__ = "1.0.0"

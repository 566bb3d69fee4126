"""KWS Desktop: bookkeeping and documents for Kelompok Wirausaha Sanitasi."""

__version__ = "0.1.0"

"""PostgreSQL passwords kept in the computer's own password store (the OS keyring, through the
`keyring` library), never in the settings file. Without a safe keyring (none installed, none
running, or one that writes plain text) nothing is kept and the window asks again."""
from __future__ import annotations

from kws_desktop.store.location import password_of, public_location, with_password

SERVICE = "KWS Desktop"


def _keyring():
    """The keyring module when a safe backend is at hand, else None."""
    try:
        import keyring
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - not installed, or broken: just do not keep passwords
        return None
    kind = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    if any(word in kind for word in ("fail", "null", "plaintext", "keyrings.alt")):
        return None  # no real store, or one that writes the password as plain text
    return keyring


def can_keep_passwords() -> bool:
    return _keyring() is not None


def remember(location: str) -> bool:
    """Keep the password of `location` (if it has one) for its public location; True if kept."""
    secret = password_of(location)
    store = _keyring()
    if not secret or store is None:
        return False
    try:
        store.set_password(SERVICE, public_location(location), secret)
        return True
    except Exception:  # noqa: BLE001 - a locked or refusing keyring: ask next time instead
        return False


def fill_in(location: str) -> str:
    """`location` with its kept password put back, when it has none of its own."""
    if password_of(location) or "://" not in location:
        return location
    store = _keyring()
    if store is None:
        return location
    try:
        secret = store.get_password(SERVICE, public_location(location))
    except Exception:  # noqa: BLE001
        return location
    return with_password(location, secret) if secret else location


def forget(location: str) -> None:
    """Drop a kept password (it was refused by the server)."""
    store = _keyring()
    if store is None:
        return
    try:
        store.delete_password(SERVICE, public_location(location))
    except Exception:  # noqa: BLE001 - nothing kept, or the keyring refuses: nothing to do
        pass

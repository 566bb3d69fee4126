"""Errors meant for users: one clear sentence in their language, nothing changed."""
from __future__ import annotations


class UserError(Exception):
    """A refusal with a message already in the user's language.

    `field` names the form field the message belongs beside (None for the whole form).
    `problems` carries more than one (field, message) when a form has several mistakes.
    """

    def __init__(self, message: str, *, field: str | None = None,
                 problems: list[tuple[str | None, str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = problems or [(field, message)]

    def __str__(self) -> str:
        return self.message


class BookError(UserError):
    """The book cannot be opened or written: not a book, damaged, newer, locked, read-only."""

    def __init__(self, message: str, *, can_restore: bool = False):
        super().__init__(message)
        self.can_restore = can_restore


class LoginError(BookError):
    """A PostgreSQL server refused the user name or password, or wants a password: ask again."""


def collect(problems: list[tuple[str | None, str]]) -> None:
    """Raise one UserError listing every problem found, if any."""
    if problems:
        first_field, first = problems[0]
        message = first if len(problems) == 1 else "\n".join(m for _f, m in problems)
        raise UserError(message, field=first_field, problems=problems)


class BackupError(Exception):
    """A backup could not be made or read (the message says why)."""


class BackupCancelled(BackupError):
    """The backup was stopped (the book is closing); nothing was left behind."""

"""Small flowable plumbing shared by the blocks and tables."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether


class FullWidth(Flowable):
    """A flowable built at layout time for the width the frame offers.

    ``build(width)`` returns the real flowable (usually a Table sized to ``width``). This lets
    blocks fill the page without the caller computing widths. If ``width`` was given, that
    fixed width is used instead. With ``splittable=False`` it moves to the next page whole
    rather than being split (signatures).
    """

    def __init__(self, build: Callable[[float], Flowable], width: float | None = None, *,
                 splittable: bool = True):
        super().__init__()
        self._splittable = splittable
        self._build = build
        self._fixed = width
        self._flow: Flowable | None = None
        self._built_for: float | None = None

    def content(self, avail_width: float) -> Flowable:
        """The flowable built for ``avail_width`` (cached while the width stays the same)."""
        width = self._fixed if self._fixed is not None else avail_width
        if self._flow is None or self._built_for != width:
            self._flow = self._build(width)
            self._built_for = width
        return self._flow

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.content(avail_width).wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if not self._splittable:
            return []
        return self.content(avail_width).split(avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name
        self._flow.drawOn(canvas, x, y, _sW)


class TableThenTail(KeepTogether):
    """A long table and what closes it (notes, signatures) with the tail never alone on a page:
    when the tail does not fit below the table's end, the table gives up its last row(s) to go
    over with it. The table splits page by page as usual; where not even one of its rows fits,
    it starts on the next page; a table that cannot split at all falls back to KeepTogether."""

    def __init__(self, table: Flowable, tail: Sequence[Flowable]):
        super().__init__([table, *tail])

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H <= aH:
            return list(self._content)
        table, *tail = self._content
        _width, table_height = table.wrap(aW, aH)
        parts = table.split(aW, min(aH, table_height - 1))
        if len(parts) == 2:
            return [parts[0], TableThenTail(parts[1], tail)]
        frame = getattr(self, "_frame", None)
        if not parts and frame is not None and not getattr(frame, "_atTop", True):
            return []  # not even a row fits here: try again at the top of the next page
        return super().split(aW, aH)

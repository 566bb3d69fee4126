"""Small flowable plumbing shared by the blocks and tables."""
from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable


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

"""What the quote and package windows share: the area they report changes to, the style of the
internal-cost box, and quantities as typed."""
from __future__ import annotations

from decimal import Decimal

from kws_desktop.core.money import QuantityError, to_quantity

AREA = "penawaran"
INTERNAL_STYLE = "QGroupBox { background: #f3f6fb; border: 1px solid #c9d3e3; border-radius: 4px; margin-top: 14px; }" \
                 "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }"


def read_qty(text: str) -> Decimal | None:
    """The quantity typed, or None when the text is empty or not a number."""
    try:
        return to_quantity(text) if text.strip() else None
    except QuantityError:
        return None

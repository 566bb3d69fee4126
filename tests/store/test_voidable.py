"""Every issued document that can be voided takes its void columns from one mixin."""
from __future__ import annotations

from kws_desktop.store import models  # noqa: F401 - every table registered
from kws_desktop.store.base import Base
from kws_desktop.store.models.voidable import Voidable, VoidableWithActor


def test_void_columns_come_from_the_mixin():
    voidable = [m.class_ for m in Base.registry.mappers if "void_reason" in m.columns]
    assert len(voidable) >= 12
    for model in voidable:
        assert issubclass(model, Voidable), model.__name__
        assert ("voided_by" in model.__table__.c) == issubclass(model, VoidableWithActor), model.__name__
        columns = model.__table__.c
        assert not columns.void_reason.nullable and columns.voided_at.nullable
        assert columns.status.type.length >= 10

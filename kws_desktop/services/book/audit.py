"""The audit log: who did what, when. Written inside the same transaction as the change."""
from __future__ import annotations

import json

from sqlalchemy.orm import Session

from kws_desktop.store.models.book import AuditEvent


def record(session: Session, actor: str, action: str, entity: str, entity_id: int | None,
           **detail) -> None:
    session.add(AuditEvent(actor=actor, action=action, entity=entity, entity_id=entity_id,
                           detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else ""))

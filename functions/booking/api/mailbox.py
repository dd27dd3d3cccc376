"""The dev mailbox's one callable: the outbox, read only in the emulator.

In production the outbox holds delivery records only and this function
refuses to run, so it can never expose anyone's mail.
"""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.adapters import email_outbox
from booking.api import schemas
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.config import dev_tools_enabled
from booking.domain.errors import AccessDenied


@on_call()
@maps_domain_errors
def devListOutbox(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:  # noqa: N802 - API name
    """The newest e-mails of one site (or all), bodies and attachments included."""
    if not dev_tools_enabled():
        raise AccessDenied("Only available in the emulator")
    data = schemas.fields(request.data or {}, set(), {"siteId"})
    site_id = schemas.identifier(data, "siteId", optional=True)
    return {"emails": [_json(record) for record in email_outbox.recent(site_id)]}


def _json(record: dict[str, Any]) -> dict[str, Any]:
    """Timestamps as ISO-8601 text; everything else is JSON already."""
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in record.items()}

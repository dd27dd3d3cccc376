"""The outbox: one record per client e-mail, written before it is sent.

`sites/{siteId}/outbox/{emailId}`. The id names the event (booking, kind,
change), so creating the record is the claim that lets each e-mail go out
at most once. Its status tracks delivery: pending -> sent, or failed and
retried by the sweep until MAX_ATTEMPTS; `skipped` where the deployment
sends no e-mail (secret `none`), final from the start. In the emulator the
record, body included, is the delivery (the dev mailbox reads it). After a
real delivery, or none, the body is dropped: its links carry tokens, which
are stored nowhere else.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters.email import Transport
from booking.adapters.email_message import Attachment, Message
from booking.adapters.firestore_client import Writer, db, due_in_sites, site_ref

LEASE = timedelta(minutes=5)
"""A sender holds a record this long; if it dies meanwhile, the sweep takes over."""
MAX_ATTEMPTS = 8
RETRY_DELAY = timedelta(minutes=1)
"""A failed send waits for the sweep's next run (every 5 minutes), not this one."""
BODY_FIELDS = ("html", "text", "attachments")
FINAL = ("sent", "skipped")
"""Statuses the sweep never takes up again."""


def outbox(site_id: str) -> firestore.CollectionReference:
    collection: firestore.CollectionReference = site_ref(site_id).collection("outbox")
    return collection


def record_for(message: Message, booking_id: str, kind: str, now: datetime, via: Transport) -> dict[str, Any]:
    """A new record; delivered already when the outbox itself is the transport,
    final and without its body when the deployment sends no e-mail."""
    delivered = via is Transport.OUTBOX
    record: dict[str, Any] = {
        "bookingId": booking_id,
        "kind": kind,
        "to": {"email": message.to_email, "name": message.to_name},
        "from": {"email": message.from_email, "name": message.from_name},
        "replyTo": message.reply_to,
        "subject": message.subject,
        "html": message.html,
        "text": message.text,
        "attachments": [
            {
                "filename": attachment.filename,
                "contentType": attachment.content_type,
                "content": base64.b64encode(attachment.content).decode(),
            }
            for attachment in message.attachments
        ],
        "categories": list(message.categories),
        "status": "sent" if delivered else "pending",
        "transport": via.value,
        "attempts": 1 if delivered else 0,
        "lastError": None,
        "createdAt": now,
        "updatedAt": now,
        "sentAt": now if delivered else None,
        # The creator sends at once and holds a lease; without a key here the
        # sweep sends it on its next run.
        "nextAttemptAt": None if delivered else (now if via is Transport.LATER else now + LEASE),
    }
    if via is Transport.NONE:  # nothing will ever send it: final, and its tokens not kept
        record.update(status="skipped", nextAttemptAt=None)
        for name in BODY_FIELDS:
            del record[name]
    return record


def message_from(record: dict[str, Any]) -> Message:
    return Message(
        to_email=record["to"]["email"],
        to_name=record["to"].get("name", ""),
        from_email=record["from"]["email"],
        from_name=record["from"].get("name", ""),
        subject=record["subject"],
        html=record.get("html", ""),
        text=record.get("text", ""),
        reply_to=record.get("replyTo", ""),
        attachments=tuple(
            Attachment(item["filename"], item["contentType"], base64.b64decode(item["content"]))
            for item in record.get("attachments") or ()
        ),
        categories=tuple(record.get("categories") or ()),
    )


@dataclass(frozen=True)
class Entry:
    """An outbox record and its id, ready to be written."""

    email_id: str
    record: dict[str, Any]

    @property
    def transport(self) -> Transport:
        return Transport(self.record["transport"])


def written(site_id: str, email_id: str) -> bool:
    """Whether this e-mail's record exists: its event was handled before."""
    return bool(outbox(site_id).document(email_id).get().exists)


def create(site_id: str, entry: Entry) -> bool:
    """False when this e-mail was written before (the event was handled)."""
    try:
        outbox(site_id).document(entry.email_id).create(entry.record)
    except (gexc.AlreadyExists, gexc.Conflict):
        return False
    return True


def create_in(writer: Writer, site_id: str, entry: Entry) -> None:
    """Write the record in `writer`'s commit, with the change it reports."""
    writer.create(outbox(site_id).document(entry.email_id), entry.record)


def mark_sent(site_id: str, email_id: str, via: Transport, provider_id: str, now: datetime) -> None:
    update: dict[str, Any] = {
        "status": "sent",
        "transport": via.value,
        "providerMessageId": provider_id,
        "attempts": firestore.Increment(1),
        "lastError": None,
        "sentAt": now,
        "updatedAt": now,
        "nextAttemptAt": None,
    }
    if via is not Transport.OUTBOX:
        update.update({name: firestore.DELETE_FIELD for name in BODY_FIELDS})
    outbox(site_id).document(email_id).update(update)


def mark_skipped(site_id: str, email_id: str, now: datetime) -> None:
    """A record left waiting (e.g. from before the secret became `none`) is
    closed for good: nothing will send it, so the sweep must stop taking it."""
    update: dict[str, Any] = {
        "status": "skipped",
        "transport": Transport.NONE.value,
        "updatedAt": now,
        "nextAttemptAt": None,
        **{name: firestore.DELETE_FIELD for name in BODY_FIELDS},
    }
    outbox(site_id).document(email_id).update(update)


def mark_failed(site_id: str, email_id: str, error: str, attempts: int, now: datetime) -> None:
    """Retried on the sweep's next run; given up (body dropped) after MAX_ATTEMPTS."""
    give_up = attempts >= MAX_ATTEMPTS
    update: dict[str, Any] = {
        "status": "failed",
        "attempts": attempts,
        "lastError": error[:500],
        "updatedAt": now,
        "nextAttemptAt": None if give_up else now + RETRY_DELAY,
    }
    if give_up:
        update.update({name: firestore.DELETE_FIELD for name in BODY_FIELDS})
    outbox(site_id).document(email_id).update(update)


def due(now: datetime, limit: int = 200) -> Iterator[tuple[str, str]]:
    """(site id, e-mail id) of records waiting for a (re)try."""
    return due_in_sites("outbox", now, limit)


@dataclass(frozen=True)
class Claimed:
    """A recorded e-mail taken up for one more delivery attempt."""

    message: Message
    attempts: int
    """Delivery attempts made before this one."""


def claim(site_id: str, email_id: str, now: datetime) -> Claimed | None:
    """Take a due record for one send; None when another run has it or it is done."""
    ref = outbox(site_id).document(email_id)

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> dict[str, Any] | None:
        snapshot = ref.get(transaction=transaction)
        record = snapshot.to_dict() if snapshot.exists else None
        if not record or record.get("status") in FINAL:
            return None
        next_attempt = record.get("nextAttemptAt")
        if next_attempt is None or next_attempt > now:
            return None
        transaction.update(ref, {"status": "sending", "nextAttemptAt": now + LEASE, "updatedAt": now})
        return record

    record: dict[str, Any] | None = run(db().transaction())
    if record is None:
        return None
    return Claimed(message_from(record), int(record.get("attempts") or 0))


def recent(site_id: str | None, limit: int = 100) -> list[dict[str, Any]]:
    """Newest first, for the dev mailbox."""
    source = outbox(site_id) if site_id else db().collection_group("outbox")
    query = source.order_by("createdAt", direction=firestore.Query.DESCENDING).limit(limit)
    return [
        {"id": snapshot.id, "siteId": snapshot.reference.parent.parent.id, **(snapshot.to_dict() or {})}
        for snapshot in query.stream()
    ]

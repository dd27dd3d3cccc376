"""A client e-mail as any transport takes it: the provider adapters and the
outbox share these types without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Message:
    to_email: str
    to_name: str
    from_email: str
    from_name: str
    subject: str
    html: str
    text: str
    reply_to: str = ""
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = ()


class DeliveryFailed(Exception):
    """The provider refused or could not be reached; the message is retried."""

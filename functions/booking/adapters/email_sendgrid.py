"""Sending one message through SendGrid's v3 mail API."""

from __future__ import annotations

import base64

from booking.adapters.email_message import DeliveryFailed, Message

API_HOST = "https://api.sendgrid.com"
TIMEOUT_SECONDS = 20


def send(message: Message, api_key: str, host: str | None = None) -> str:
    """Returns SendGrid's message id; raises DeliveryFailed on any failure.

    `host` (default API_HOST, read at call time) points the client elsewhere,
    e.g. at SendGrid's EU endpoint or a local stand-in in tests.
    """
    import sendgrid  # type: ignore[import-untyped]
    from python_http_client import exceptions as http_errors  # type: ignore[import-untyped]
    from sendgrid.helpers import mail as sg  # type: ignore[import-untyped]

    mail = sg.Mail(
        from_email=sg.From(message.from_email, message.from_name),
        to_emails=sg.To(message.to_email, message.to_name or None),
        subject=message.subject,
        plain_text_content=message.text,
        html_content=message.html,
    )
    if message.reply_to:
        mail.reply_to = sg.ReplyTo(message.reply_to)
    for attachment in message.attachments:
        mail.add_attachment(
            sg.Attachment(
                sg.FileContent(base64.b64encode(attachment.content).decode()),
                sg.FileName(attachment.filename),
                sg.FileType(attachment.content_type),
                sg.Disposition("attachment"),
            )
        )
    for category in message.categories:
        mail.add_category(sg.Category(category))
    client = sendgrid.SendGridAPIClient(api_key=api_key, host=host or API_HOST)
    client.client.timeout = TIMEOUT_SECONDS
    try:
        response = client.send(mail)
    except http_errors.HTTPError as error:
        raise DeliveryFailed(f"SendGrid answered {error.status_code}: {str(error.body)[:300]}") from error
    except OSError as error:
        raise DeliveryFailed(f"SendGrid could not be reached: {error}") from error
    status = int(response.status_code)
    if not 200 <= status < 300:
        raise DeliveryFailed(f"SendGrid answered {status}")
    headers = response.headers
    return str(headers.get("X-Message-Id", "") if headers else "")

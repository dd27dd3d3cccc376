"""The subscription e-mails: every kind branded, in English and Dutch, with
the plan and, when cancelling, the end date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from booking.services.email.render import EmailContent, Links, SubscriptionKind, render
from tests.unit.services.email.test_render import BRAND

CONTENT = EmailContent(
    kind=SubscriptionKind.SUBSCRIBED,
    locale="en",
    brand=BRAND,
    customer_name="Ada Lovelace",
    service="Haircut",
    start=datetime(2026, 3, 31, 8, 0, tzinfo=UTC),
    end=datetime(2026, 3, 31, 8, 30, tzinfo=UTC),
    timezone="Europe/Amsterdam",
    links=Links(manage="https://book.example.com/manage?site=demo&booking=sub-1-p0-0#token=T1", book=""),
    reference="sub-1",
    plan="Monthly haircut, every month on day 31 at 10:00",
    deadline=datetime(2026, 4, 30, 22, 0, tzinfo=UTC),
)


@pytest.mark.parametrize("kind", list(SubscriptionKind))
@pytest.mark.parametrize("locale", ["en", "nl"])
def test_every_subscription_email_is_branded_and_names_the_plan(kind: SubscriptionKind, locale: str) -> None:
    rendered = render(replace(CONTENT, kind=kind, locale=locale))
    assert "Haircut" in rendered.subject
    for part in (rendered.html, rendered.text):
        assert "Demo Hair Studio" in part
        assert "Monthly haircut, every month on day 31 at 10:00" in part
        assert "sub-1" in part
    assert "background:#0f766e" in rendered.html
    assert "book.example.com/manage?site=demo&booking=sub-1-p0-0#token=T1" in rendered.text


def test_the_cancelling_email_says_until_when_the_plan_runs_in_either_language() -> None:
    english = render(replace(CONTENT, kind=SubscriptionKind.SUBSCRIPTION_CANCELLING))
    dutch = render(replace(CONTENT, kind=SubscriptionKind.SUBSCRIPTION_CANCELLING, locale="nl"))
    assert "Your subscription runs until" in english.text
    assert "1 May 2026" in english.text
    assert "Uw abonnement loopt tot en met" in dutch.text
    assert "1 mei 2026" in dutch.text


def test_the_payment_failed_email_tells_the_client_to_check_the_card() -> None:
    rendered = render(replace(CONTENT, kind=SubscriptionKind.SUBSCRIPTION_PAYMENT_FAILED, locale="nl"))
    assert rendered.subject == "Uw betaling voor Haircut is niet gelukt"
    assert "Controleer uw kaart" in rendered.text

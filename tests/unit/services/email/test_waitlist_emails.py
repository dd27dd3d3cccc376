"""The waitlist's e-mails: branded, in English and Dutch, each with the link
to the waitlist page and none to a booking."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from booking.domain.booking import Customer
from booking.domain.catalog import Catalog
from booking.domain.model import Service, StaffMember
from booking.domain.site import Branch, Site, Widget
from booking.domain.waitlist import DayPart, Entry, EntryStatus, FreedTime, Offer, OfferStatus, Preference
from booking.services.email import waitlist_emails

NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)
START = datetime(2026, 3, 10, 9, tzinfo=UTC)
CATALOG = Catalog(
    site=Site(id="demo", name="Demo Hair Studio", timezone="Europe/Amsterdam", widget=Widget(accent_color="#0f766e")),
    branches=(Branch(id="centrum", name="Centrum", address="Damrak 1", city="Amsterdam"),),
    services=(Service(id="haircut", name="Haircut", duration_minutes=30),),
    staff=(StaffMember(id="anna", name="Anna", service_ids=frozenset({"haircut"}), branch_id="centrum"),),
)
ENTRY = Entry(
    id="e1",
    site_id="demo",
    branch_id="centrum",
    service_id="haircut",
    customer=Customer("Ada Lovelace", "ada@example.com"),
    preference=Preference(date(2026, 3, 10), date(2026, 3, 12), frozenset({DayPart.MORNING}), "anna"),
    status=EntryStatus.WAITING,
    joined_at=NOW,
    queued_at=NOW,
)
OFFER = Offer(
    id="o1",
    site_id="demo",
    entry_id="e1",
    branch_id="centrum",
    service_id="haircut",
    staff_id="anna",
    start=START,
    end=START + timedelta(minutes=30),
    lock_ids=(),
    freed=FreedTime("centrum", "anna", START, START + timedelta(minutes=30)),
    status=OfferStatus.OPEN,
    hold_expires_at=NOW + timedelta(hours=2),
    created_at=NOW,
)


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_the_joined_e_mail_states_the_wish_and_links_to_leave(locale: str) -> None:
    outgoing = waitlist_emails.joined(CATALOG, replace(ENTRY, locale=locale), "T" * 43, NOW)
    assert outgoing is not None
    message = outgoing.message
    leave = "/waitlist?site=demo&entry=e1#token=" + "T" * 43
    assert leave in message.text
    assert leave.replace("&", "&amp;") in message.html
    assert "/manage?" not in message.text
    assert "background:#0f766e" in message.html
    if locale == "en":
        assert message.subject == "You are on the waitlist: Haircut"
        assert "Tuesday 10 March 2026 to Thursday 12 March 2026, mornings, with Anna" in message.text
        assert "Leave the waitlist" in message.text
    else:
        assert message.subject == "U staat op de wachtlijst: Haircut"
        assert "mornings" not in message.text
        assert "Van de wachtlijst af" in message.text
    assert outgoing.entry.email_id == "waitlist-e1-joined"


def test_the_offer_e_mail_has_the_time_the_deadline_and_the_page_link() -> None:
    outgoing = waitlist_emails.offered(CATALOG, ENTRY, OFFER, "S" * 43, NOW)
    assert outgoing is not None
    text = outgoing.message.text
    assert outgoing.message.subject == "A time is free for you: Haircut on Tuesday 10 March 2026 at 10:00"
    assert "10:00–10:30 (Europe/Amsterdam)" in text
    assert "until Monday 9 March 2026, 15:00" in text
    assert "/waitlist?site=demo&offer=o1#token=" + "S" * 43 in text
    assert "Waitlist reference: e1" in text
    assert outgoing.entry.email_id == "offer-o1-waitlist_offer"

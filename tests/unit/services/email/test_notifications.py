"""Which e-mail a committed change sends, under which outbox id: one per
change, `<booking>-<kind>-<history index>`, so a repeated step sends nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.adapters.ics import Method
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord, FollowUp, HistoryEntry
from booking.domain.transitions import Action
from booking.services.email import messages, notifications
from booking.services.email.messages import NO_OPTIONS, Options, SiteMail
from booking.services.email.render import Kind
from tests.support.records import booking_record

NOW = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
MADE = NOW - timedelta(days=1)


@dataclass(frozen=True)
class Sent:
    kind: Kind
    email_id: str
    options: Options


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[Sent]:
    calls: list[Sent] = []

    def notify(
        booking: BookingRecord, kind: Kind, email_id: str, now: datetime, options: Options = NO_OPTIONS, **_: Any
    ) -> bool:
        calls.append(Sent(kind, email_id, options))
        return True

    monkeypatch.setattr(messages, "notify", notify)
    return calls


def changed(*steps: tuple[BookingStatus, str], first: BookingStatus = BookingStatus.PENDING) -> BookingRecord:
    """A booking made as `first`, then changed to each (status, by) in turn."""
    history = [HistoryEntry(at=MADE, by="client", to=first)]
    for minutes, (to, by) in enumerate(steps, start=1):
        history.append(HistoryEntry(at=MADE + timedelta(minutes=minutes), by=by, to=to, source=history[-1].to))
    return booking_record(status=history[-1].to, history=tuple(history))


def follow_up(booking: BookingRecord, action: Action, index: int | None = None) -> FollowUp:
    return FollowUp(booking, action, len(booking.history) - 1 if index is None else index, NOW)


def test_a_confirmed_booking_gets_its_confirmation(sent: list[Sent]) -> None:
    notifications.status_changed(follow_up(changed((BookingStatus.CONFIRMED, "client")), Action.CONFIRM))
    assert sent == [Sent(Kind.CONFIRMATION, "b1-confirmation-1", Options(sequence=1))]


def test_the_e_mail_is_about_the_change_named_even_when_a_later_one_followed(sent: list[Sent]) -> None:
    booking = changed((BookingStatus.CONFIRMED, "client"), (BookingStatus.CANCELLED, "client"))
    notifications.status_changed(follow_up(booking, Action.CONFIRM, index=1))
    assert [call.email_id for call in sent] == ["b1-confirmation-1"]


def test_a_cancellation_says_who_cancelled_and_withdraws_an_invitation_sent_before(sent: list[Sent]) -> None:
    after_invitation = changed((BookingStatus.CONFIRMED, "client"), (BookingStatus.CANCELLED, "client"))
    notifications.status_changed(follow_up(after_invitation, Action.CANCEL))
    by_business = changed((BookingStatus.CANCELLED, "Anna"))
    notifications.status_changed(follow_up(by_business, Action.CANCEL))
    assert sent == [
        Sent(Kind.CANCELLED, "b1-cancelled-2", Options(sequence=2, reason="client", ics_method=Method.CANCEL)),
        Sent(Kind.CANCELLED, "b1-cancelled-1", Options(sequence=1, reason="business")),
    ]


@pytest.mark.parametrize("action", [Action.EXPIRE, Action.CANCEL])
def test_an_unconfirmed_request_that_ran_out_gets_the_lapsed_e_mail(sent: list[Sent], action: Action) -> None:
    """Marks written before EXPIRE existed say `cancel` for an expiry."""
    notifications.status_changed(follow_up(changed((BookingStatus.CANCELLED, "system")), action))
    assert sent == [Sent(Kind.UNCONFIRMED, "b1-unconfirmed-1", Options(sequence=1))]


@pytest.mark.parametrize("action", [Action.EXPIRE, Action.CANCEL])
def test_an_unpaid_booking_that_expired_gets_no_e_mail(sent: list[Sent], action: Action) -> None:
    expired = changed((BookingStatus.EXPIRED, "system"), first=BookingStatus.PENDING_PAYMENT)
    notifications.status_changed(follow_up(expired, action))
    assert sent == []


def test_a_booking_released_because_stripe_was_down_gets_no_e_mail(sent: list[Sent]) -> None:
    released = changed((BookingStatus.CANCELLED, "system"), first=BookingStatus.PENDING_PAYMENT)
    notifications.status_changed(follow_up(released, Action.CANCEL))
    assert sent == []


@pytest.mark.parametrize("notify_client", [False, True])
def test_a_no_show_is_e_mailed_only_where_the_branch_wants_it(
    sent: list[Sent], monkeypatch: pytest.MonkeyPatch, notify_client: bool
) -> None:
    site = SiteMail(site_id="demo", name="Demo", rules={"noShow": {"notifyClient": notify_client}})
    monkeypatch.setattr(messages, "site_mail", lambda site_id, branch_id: site)
    no_show = changed((BookingStatus.NO_SHOW, "Anna"), first=BookingStatus.CONFIRMED)
    notifications.status_changed(follow_up(no_show, Action.NO_SHOW))
    assert sent == ([Sent(Kind.NO_SHOW, "b1-no_show-1", Options(sequence=1))] if notify_client else [])


def test_a_move_is_e_mailed_with_the_previous_time(sent: list[Sent]) -> None:
    booking = changed((BookingStatus.CONFIRMED, "client"))
    moved = HistoryEntry(at=NOW, by="client", to=BookingStatus.CONFIRMED, action="reschedule")
    previous = (booking.start - timedelta(days=1), booking.end - timedelta(days=1))
    notifications.booking_rescheduled(booking_record(history=(*booking.history, moved)), previous, NOW)
    assert sent == [Sent(Kind.RESCHEDULED, "b1-rescheduled-2", Options(sequence=2, previous=previous))]


def test_a_failing_e_mail_never_reaches_the_change(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("provider down")

    monkeypatch.setattr(messages, "notify", broken)
    booking = changed((BookingStatus.CONFIRMED, "client"))
    notifications.status_changed(follow_up(booking, Action.CONFIRM))
    notifications.booking_rescheduled(booking, (booking.start, booking.end), NOW)

"""The waitlist over HTTP: freed time goes to exactly one entry, offers hold
their time against public bookings, lapse and decline pass on once, and
manual mode waits for staff. Stored data is checked directly."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from scheduled.runner import discover, fire
from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import CallableError, call, change_catalog

DAY = next_workday(2)
JOB = next(job for job in discover() if job.name == "expireWaitlistOffers")
HAIRCUT = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum"}


def waitlist_on(db: Any, mode: str = "automatic", **extra: Any) -> None:
    settings = {"enabled": True, "mode": mode, "offerExpiryHours": 2, **extra}
    change_catalog(db, "sites/demo/branches/centrum", {"settings.waitlist": settings})


def book(hour: int, ip: str = "198.51.100.1", **extra: Any) -> dict[str, Any]:
    data = {
        **HAIRCUT,
        "staffId": "anna",
        "start": local(DAY, hour),
        "customer": {"name": "Booked", "email": "booked@example.com"},
        **extra,
    }
    result: dict[str, Any] = call("createBooking", data, ip=ip)
    return result


def join(number: int, **extra: Any) -> str:
    data = {
        **HAIRCUT,
        "customer": {"name": f"Client {number}", "email": f"client{number}@example.com"},
        "from": DAY.isoformat(),
        "to": DAY.isoformat(),
        **extra,
    }
    return str(call("joinWaitlist", data, ip=f"203.0.113.{number + 10}")["entryId"])


def cancel(booking_id: str) -> None:
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})


def offers(db: Any, status: str | None = None) -> list[dict[str, Any]]:
    found = [{"id": s.id, **(s.to_dict() or {})} for s in db.collection("sites/demo/waitlistOffers").stream()]
    return [offer for offer in found if status is None or offer["status"] == status]


def entry(db: Any, entry_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = db.document(f"sites/demo/waitlist/{entry_id}").get().to_dict()
    return doc


def offer_mails(db: Any, kind: str = "waitlist_offer") -> list[dict[str, Any]]:
    return [
        s.to_dict() or {} for s in db.collection("sites/demo/outbox").stream() if (s.to_dict() or {})["kind"] == kind
    ]


def link_token(db: Any, offer_id: str) -> str:
    """The token of the offer's e-mail, as the client clicks it."""
    (mail,) = [m for m in offer_mails(db) if m["bookingId"] == offer_id]
    match = re.search(rf"/waitlist\?site=demo&offer={offer_id}#token=([A-Za-z0-9_-]+)", mail["text"])
    assert match, mail["text"]
    return match.group(1)


def locks_of(db: Any) -> dict[str, dict[str, Any]]:
    return {s.id: s.to_dict() or {} for s in db.collection("sites/demo/locks").stream()}


def test_a_cancel_offers_the_time_to_exactly_one_of_twenty_waiting_clients(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    entries = [join(number) for number in range(20)]
    cancel(booking["bookingId"])

    (offer,) = offers(demo)
    assert offer["status"] == "open"
    assert offer["entryId"] == entries[0]
    assert offer["start"] == datetime.fromisoformat(local(DAY, 10))
    assert offer["holdExpiresAt"] - offer["createdAt"] == timedelta(hours=2)
    assert entry(demo, entries[0])["status"] == "offered"
    assert [entry(demo, e)["status"] for e in entries[1:]] == ["waiting"] * 19
    assert len(offer_mails(demo)) == 1
    held = locks_of(demo)
    assert sorted(held) == sorted(offer["lockIds"])
    assert {lock["offerId"] for lock in held.values()} == {offer["id"]}


def test_the_held_time_is_hidden_from_visitors_and_refused_to_them(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    join(1)
    cancel(booking["bookingId"])
    query = {**HAIRCUT, "staffId": "anna", "from": DAY.isoformat(), "to": DAY.isoformat()}
    (day,) = call("getAvailableSlots", query)["days"]
    assert local(DAY, 10) not in [slot["start"] for slot in day["slots"]]
    with pytest.raises(CallableError) as refused:
        book(10, ip="198.51.100.2")
    assert refused.value.status == "ALREADY_EXISTS"


def test_an_accept_racing_twenty_public_bookings_makes_exactly_one_booking(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    first = join(1)
    cancel(booking["bookingId"])
    (offer,) = offers(demo)
    token = link_token(demo, offer["id"])

    def accept() -> Any:
        return call("acceptWaitlistOffer", {"siteId": "demo", "offerId": offer["id"], "token": token}, ip="192.0.2.1")

    def public(number: int) -> Any:
        try:
            return book(10, ip=f"192.0.2.{number + 20}", customer={"name": "Racer", "email": f"r{number}@example.com"})
        except CallableError as error:
            return error.status

    with ThreadPoolExecutor(21) as pool:
        accepted = pool.submit(accept)
        publics = list(pool.map(public, range(20)))
    made = accepted.result()
    assert made["status"] == "confirmed"
    assert set(publics) == {"ALREADY_EXISTS"}
    at_ten = [
        s.to_dict()
        for s in demo.collection("sites/demo/bookings").stream()
        if (s.to_dict() or {})["start"] == datetime.fromisoformat(local(DAY, 10))
        and (s.to_dict() or {})["status"] == "confirmed"
    ]
    assert len(at_ten) == 1
    assert at_ten[0]["customer"]["email"] == "client1@example.com"
    assert {lock["bookingId"] for lock in locks_of(demo).values()} == {made["bookingId"]}
    assert offers(demo)[0]["status"] == "accepted"
    assert entry(demo, first)["status"] == "booked"
    with pytest.raises(CallableError) as again:
        accept()
    assert again.value.status == "FAILED_PRECONDITION"
    assert "accepted this offer already" in again.value.message


def test_a_lapsed_offer_passes_on_exactly_once_when_the_job_runs_twice_at_once(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    first, second, third = join(1), join(2), join(3)
    cancel(booking["bookingId"])
    (offer,) = offers(demo)
    fire(JOB)
    assert offers(demo, "open")[0]["id"] == offer["id"]  # not yet due

    past = datetime.now(UTC) - timedelta(seconds=1)
    demo.document(f"sites/demo/waitlistOffers/{offer['id']}").update({"holdExpiresAt": past})
    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: fire(JOB), range(2))) == ["200", "200"]

    assert {o["id"]: o["status"] for o in offers(demo)}[offer["id"]] == "lapsed"
    (passed,) = offers(demo, "open")
    assert passed["entryId"] == second
    lapsed = entry(demo, first)
    assert lapsed["status"] == "waiting"
    assert lapsed["queuedAt"] > entry(demo, third)["queuedAt"]
    assert len(offer_mails(demo, "waitlist_lapsed")) == 1
    assert entry(demo, third)["status"] == "waiting"
    token = link_token(demo, offer["id"])
    with pytest.raises(CallableError) as late:
        call("acceptWaitlistOffer", {"siteId": "demo", "offerId": offer["id"], "token": token})
    assert late.value.status == "FAILED_PRECONDITION"


def test_a_decline_passes_the_time_on_at_once(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    first, second = join(1), join(2)
    cancel(booking["bookingId"])
    (offer,) = offers(demo)
    result = call(
        "declineWaitlistOffer", {"siteId": "demo", "offerId": offer["id"], "token": link_token(demo, offer["id"])}
    )
    assert result["status"] == "declined"
    (passed,) = offers(demo, "open")
    assert passed["entryId"] == second
    assert entry(demo, first)["status"] == "waiting"
    assert {lock["offerId"] for lock in locks_of(demo).values()} == {passed["id"]}


def test_in_manual_mode_nothing_is_offered_until_staff_choose(demo: Any) -> None:
    waitlist_on(demo, mode="manual")
    booking = book(10)
    first = join(1)
    cancel(booking["bookingId"])
    assert offers(demo) == []
    assert entry(demo, first)["status"] == "waiting"
    assert locks_of(demo) == {}
    yesterday = (datetime.now(AMSTERDAM) - timedelta(days=1)).date().isoformat()
    with pytest.raises(CallableError) as past:
        admin_call("adminOfferWaitlist", {"siteId": "demo", "entryId": first, "date": yesterday, "time": "10:00"})
    assert (past.value.status, past.value.message) == ("INVALID_ARGUMENT", "time: must be later than now")
    made = admin_call(
        "adminOfferWaitlist",
        {"siteId": "demo", "entryId": first, "staffId": "anna", "date": DAY.isoformat(), "time": "10:00"},
    )
    (offer,) = offers(demo)
    assert made["offerId"] == offer["id"]
    assert offer["entryId"] == first
    assert offer["by"] == "admin@demo.test"
    assert len(offer_mails(demo)) == 1


def test_joining_is_refused_where_the_branch_keeps_no_waitlist_and_twice(demo: Any) -> None:
    with pytest.raises(CallableError) as off:
        join(1)
    assert off.value.status == "FAILED_PRECONDITION"
    waitlist_on(demo)
    join(1)
    with pytest.raises(CallableError) as twice:
        join(1)
    assert twice.value.status == "FAILED_PRECONDITION"
    with pytest.raises(CallableError) as past:
        join(2, **{"from": (DAY - timedelta(days=10)).isoformat()})
    assert past.value.status == "INVALID_ARGUMENT"


def test_leaving_with_the_joined_e_mail_link_takes_the_client_off_the_list(demo: Any) -> None:
    waitlist_on(demo)
    entry_id = join(1)
    (mail,) = offer_mails(demo, "waitlist_joined")
    token = re.search(rf"entry={entry_id}#token=([A-Za-z0-9_-]+)", mail["text"]).group(1)  # type: ignore[union-attr]
    with pytest.raises(CallableError):
        call("leaveWaitlist", {"siteId": "demo", "entryId": entry_id, "token": "x" * 43})
    assert call("leaveWaitlist", {"siteId": "demo", "entryId": entry_id, "token": token})["status"] == "left"
    assert entry(demo, entry_id)["status"] == "left"


def test_a_no_show_frees_the_rest_of_the_appointment_in_the_same_change(demo: Any) -> None:
    from booking.domain.booking import lock_ids

    waitlist_on(demo)
    booking_id = book(10)["bookingId"]
    now = datetime.now(UTC)
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=now.minute % 5) - timedelta(minutes=10)
    end = start + timedelta(minutes=90)
    for lock in list(demo.collection("sites/demo/locks").stream()):
        lock.reference.delete()
    locks = lock_ids("anna", start, end, 0)
    ref = demo.document(f"sites/demo/bookings/{booking_id}")
    ref.update({"start": start, "end": end, "lockIds": list(locks)})
    for lock_id in locks:
        demo.document(f"sites/demo/locks/{lock_id}").set({"bookingId": booking_id, "staffId": "anna"})
    today = start.astimezone(AMSTERDAM).date().isoformat()
    join(1, **{"from": today, "to": today})

    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "no_show"})

    frees_from = start + timedelta(minutes=30)  # the next point of the 30-minute grid after "10 minutes in"
    kept = lock_ids("anna", start, frees_from, 0)
    stored = ref.get().to_dict()
    assert stored["status"] == "no_show"
    assert stored["lockIds"] == list(kept)
    (offer,) = offers(demo)
    assert offer["start"] == frees_from
    assert offer["freed"]["end"] == end
    held = locks_of(demo)
    assert {lock_id for lock_id, lock in held.items() if lock.get("bookingId") == booking_id} == set(kept)
    assert {lock_id for lock_id, lock in held.items() if lock.get("offerId")} == set(offer["lockIds"])


def test_staff_see_the_days_list_of_their_branch_and_offer_a_time_by_hand(demo: Any) -> None:
    waitlist_on(demo, mode="manual")
    change_catalog(demo, "sites/demo/branches/zuid", {"settings.waitlist": {"enabled": True, "mode": "manual"}})
    first, second = join(1), join(2)
    zuid = call(
        "joinWaitlist",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "zuid",
            "customer": {"name": "Elsewhere", "email": "zuid@example.com"},
            "from": DAY.isoformat(),
            "to": DAY.isoformat(),
        },
        ip="203.0.113.99",
    )
    anna = session("anna")
    listed = staff_call("staffWaitlist", {"date": DAY.isoformat()}, anna)
    assert [row["entryId"] for row in listed["entries"]] == [first, second]
    assert listed["entries"][0]["customer"]["email"] == "client1@example.com"
    assert listed["entries"][0]["position"] == 1
    assert staff_call("staffWaitlist", {"date": (DAY + timedelta(days=1)).isoformat()}, anna)["entries"] == []

    refused = refusal(
        "staffOfferWaitlist", {"entryId": zuid["entryId"], "date": DAY.isoformat(), "time": "10:00"}, anna
    )
    assert refused[0] == "PERMISSION_DENIED"
    made = staff_call(
        "staffOfferWaitlist", {"entryId": second, "staffId": "anna", "date": DAY.isoformat(), "time": "11:00"}, anna
    )
    (offer,) = offers(demo)
    assert made["offerId"] == offer["id"]
    assert offer["entryId"] == second
    assert offer["start"] == datetime.fromisoformat(local(DAY, 11))
    assert offer["by"] == "Anna"
    listed = staff_call("staffWaitlist", {"date": DAY.isoformat()}, anna)
    assert listed["entries"][1]["offer"]["start"] == local(DAY, 11)
    taken = refusal(
        "staffOfferWaitlist", {"entryId": first, "staffId": "anna", "date": DAY.isoformat(), "time": "11:00"}, anna
    )
    assert taken[0] == "FAILED_PRECONDITION"


def test_admins_list_a_branchs_waitlist_with_filters(demo: Any) -> None:
    waitlist_on(demo)
    first, second = join(1), join(2)
    call("leaveWaitlist", {"siteId": "demo", "entryId": second, "token": joined_token(demo, second)})
    listed = admin_call("adminListWaitlist", {"siteId": "demo", "branchId": "centrum"})
    assert [row["entryId"] for row in listed["entries"]] == [first]
    left = admin_call("adminListWaitlist", {"siteId": "demo", "branchId": "centrum", "status": "left"})
    assert [row["entryId"] for row in left["entries"]] == [second]
    other_day = admin_call(
        "adminListWaitlist", {"siteId": "demo", "branchId": "centrum", "date": (DAY + timedelta(days=1)).isoformat()}
    )
    assert other_day["entries"] == []
    with pytest.raises(CallableError) as anonymous:
        admin_call("adminListWaitlist", {"siteId": "demo"}, auth=None)
    assert anonymous.value.status == "UNAUTHENTICATED"


def joined_token(db: Any, entry_id: str) -> str:
    (mail,) = [m for m in offer_mails(db, "waitlist_joined") if m["bookingId"] == entry_id]
    match = re.search(rf"entry={entry_id}#token=([A-Za-z0-9_-]+)", mail["text"])
    assert match
    return match.group(1)


def test_a_client_moving_away_from_a_time_offers_the_time_left(demo: Any) -> None:
    waitlist_on(demo)
    booking = book(10)
    first = join(1)
    moved = call(
        "rescheduleBooking",
        {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"], "start": local(DAY, 11)},
    )
    assert moved["start"] == local(DAY, 11)
    (offer,) = offers(demo)
    assert offer["entryId"] == first
    assert offer["start"] == datetime.fromisoformat(local(DAY, 10))


def test_a_branch_that_wants_no_lapse_e_mail_passes_the_offer_on_silently(demo: Any) -> None:
    waitlist_on(demo, notifyLapsed=False)
    booking = book(10)
    join(1)
    second = join(2)
    cancel(booking["bookingId"])
    (offer,) = offers(demo)
    past = datetime.now(UTC) - timedelta(seconds=1)
    demo.document(f"sites/demo/waitlistOffers/{offer['id']}").update({"holdExpiresAt": past})
    assert fire(JOB) == "200"
    assert offers(demo, "open")[0]["entryId"] == second
    assert offer_mails(demo, "waitlist_lapsed") == []


def test_an_expired_deposit_hold_is_offered_and_accepting_leads_to_checkout_with_the_30_minute_hold(demo: Any) -> None:
    waitlist_on(demo)
    colour = {"serviceId": "colour", "answers": {"allergies": "none"}}
    held = book(10, **colour)
    assert held["status"] == "pending_payment"
    waiting = join(1, serviceId="colour")
    demo.document(f"sites/demo/bookings/{held['bookingId']}").update(
        {"holdExpiresAt": datetime.now(UTC) - timedelta(seconds=1)}
    )
    assert fire(next(job for job in discover() if job.name == "expireHolds")) == "200"
    (offer,) = offers(demo)
    assert offer["entryId"] == waiting
    assert offer["end"] - offer["start"] == timedelta(minutes=90)

    made = call(
        "acceptWaitlistOffer", {"siteId": "demo", "offerId": offer["id"], "token": link_token(demo, offer["id"])}
    )
    assert made["status"] == "pending_payment"
    assert made["checkoutUrl"]
    stored = demo.document(f"sites/demo/bookings/{made['bookingId']}").get().to_dict()
    assert stored["holdExpiresAt"] - stored["createdAt"] == timedelta(minutes=30)
    assert stored["payment"]["depositStatus"] == "pending"


def test_removing_blocked_time_offers_it_to_the_first_waiting_client(demo: Any) -> None:
    waitlist_on(demo)
    blocked = admin_call(
        "adminBlockTime",
        {"siteId": "demo", "staffId": "anna", "start": local(DAY, 10), "end": local(DAY, 11), "reason": "Meeting"},
    )
    first = join(1)
    join(2)
    assert offers(demo) == []

    admin_call("adminRemoveBlockedTime", {"siteId": "demo", "blockedId": blocked["id"]})

    (offer,) = offers(demo)
    assert (offer["entryId"], offer["staffId"], offer["status"]) == (first, "anna", "open")
    assert offer["start"] == datetime.fromisoformat(local(DAY, 10))
    assert len(offer_mails(demo)) == 1

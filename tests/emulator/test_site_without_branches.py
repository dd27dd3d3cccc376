"""A site with no branches and no staff follows its own rules block, set
through the admin callables: double opt-in, reminders, automatic no-shows
and the no-show e-mail, end to end. The same block is the default of a
branch, which may also switch the no-show e-mail itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scheduled.runner import discover, fire
from tests.emulator.email_support import fresh_ip, link, manage_request, token_of
from tests.emulator.test_admin_access import BRANCH_SETTINGS, admin_call
from tests.support.dates import local, next_workday
from tests.support.emulator import call, started
from tests.support.rules import token

SITE = "solo-studio"
OWNER = token("owner", sites={SITE: "admin"}, email="owner@solo.test")
DAY = next_workday(3)
JOBS = {job.name: job for job in discover()}
BASICS = {"horizonDays": 14, "slotIntervalMinutes": 30, "bufferMinutes": 0, "minNoticeMinutes": 0}
RULES = {
    "clientConfirmation": {"required": True, "expiryHours": 4},
    "reminders": {"enabled": True, "leadHours": 48, "oneHour": False},
    "noShow": {"automatic": True, "timerMinutes": 10, "notifyClient": True},
    "waitlist": {"enabled": True, "mode": "automatic", "offerExpiryHours": 3},
}


def as_owner(name: str, data: dict[str, Any]) -> Any:
    return admin_call(name, {"siteId": SITE, **data}, auth=OWNER)


def e_mails(db: Any, booking_id: str) -> list[dict[str, Any]]:
    records = [snap.to_dict() for snap in db.collection(f"sites/{SITE}/outbox").stream()]
    return sorted((r for r in records if r["bookingId"] == booking_id), key=lambda r: r["createdAt"])


def set_up_site_without_branches_or_staff() -> str:
    as_owner("adminCreateSite", {"name": "Solo Studio", "timezone": "Europe/Amsterdam"})
    as_owner("adminUpdateSettings", {"bookingEnabled": True, "settings": {**BASICS, **RULES}})
    service = as_owner(
        "adminSaveService", {"service": {"name": "Massage", "durationMinutes": 60, "priceCents": 6000, "active": True}}
    )["id"]
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[DAY.weekday()]
    as_owner(
        "adminSaveSchedule", {"scope": "site", "schedule": {"weekly": {weekday: [{"start": "09:00", "end": "17:00"}]}}}
    )
    return str(service)


def test_a_site_without_branches_or_staff_confirms_reminds_and_marks_no_shows_by_its_own_rules(db: Any) -> None:
    service = set_up_site_without_branches_or_staff()
    overview = as_owner("adminGetSite", {})
    assert overview["branches"] == []
    assert overview["staff"] == []
    assert {name: overview["site"]["settings"][name] for name in RULES} == RULES

    made = call(
        "createBooking",
        {
            "siteId": SITE,
            "serviceId": service,
            "start": local(DAY, 10),
            "customer": {"name": "Ada", "email": "ada@example.com"},
        },
        ip=fresh_ip(),
    )
    booking_id = made["bookingId"]
    assert made["status"] == "pending"  # double opt-in, from the site's rules
    ref = db.document(f"sites/{SITE}/bookings/{booking_id}")
    stored = ref.get().to_dict()
    assert stored["branchId"] is None
    assert stored["staffId"] is None
    assert stored["holdExpiresAt"] - stored["createdAt"] == timedelta(hours=4)

    (request,) = e_mails(db, booking_id)
    assert request["kind"] == "request"
    assert "action=confirm" in link(request, "confirm")
    assert call("confirmBooking", manage_request(request), ip=fresh_ip())["status"] == "confirmed"
    assert [record["kind"] for record in e_mails(db, booking_id)] == ["request", "confirmation"]

    start = (datetime.now(UTC) + timedelta(hours=47, minutes=57)).replace(microsecond=0)
    ref.update({"start": start, "end": start + timedelta(hours=1), "createdAt": start - timedelta(days=3)})
    assert fire(JOBS["sendReminders"]) == "200"
    reminder = e_mails(db, booking_id)[-1]
    assert reminder["kind"] == "reminder"
    assert ref.get().get("remindersSent") == {"48h": start}  # the site's lead, not the default 24
    assert token_of(link(reminder, "manage"))

    started(db, booking_id, minutes_ago=9, site=SITE)
    assert fire(JOBS["markNoShows"]) == "200"
    assert ref.get().get("status") == "confirmed"  # the site's timer is 10 minutes
    started(db, booking_id, minutes_ago=11, site=SITE)
    assert fire(JOBS["markNoShows"]) == "200"
    assert ref.get().get("status") == "no_show"
    assert [entry["by"] for entry in ref.get().get("statusHistory")][-1] == "system"
    assert [record["kind"] for record in e_mails(db, booking_id)] == ["request", "confirmation", "reminder", "no_show"]


def test_the_site_rules_are_kept_when_an_update_leaves_fields_out_and_fill_in_a_new_branch(db: Any) -> None:
    set_up_site_without_branches_or_staff()
    as_owner("adminUpdateSettings", {"settings": {**BASICS, "noShow": {"automatic": False, "timerMinutes": 30}}})
    settings = as_owner("adminGetSite", {})["site"]["settings"]
    assert settings["noShow"] == {"automatic": False, "timerMinutes": 30, "notifyClient": True}
    assert settings["reminders"] == RULES["reminders"]

    saved = as_owner("adminSaveBranch", {"branch": {"name": "Main", "active": True, "settings": BRANCH_SETTINGS}})
    (branch,) = as_owner("adminGetSite", {})["branches"]
    assert branch["id"] == saved["id"]
    assert branch["settings"]["noShow"] == {**BRANCH_SETTINGS["noShow"], "notifyClient": True}  # from the site

    switched = {**BRANCH_SETTINGS, "noShow": {**BRANCH_SETTINGS["noShow"], "notifyClient": False}}
    as_owner("adminSaveBranch", {"branch": {"id": saved["id"], "name": "Main", "active": True, "settings": switched}})
    (branch,) = as_owner("adminGetSite", {})["branches"]
    assert branch["settings"]["noShow"]["notifyClient"] is False

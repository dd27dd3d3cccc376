"""Services, staff and branches edited through the admin callables, as the
booking engine then reads them."""

from __future__ import annotations

from typing import Any

import requests

from tests.emulator.test_admin_access import ADMIN_TOKEN, BRANCH_SETTINGS, SERVICE, admin_call, admin_error
from tests.support.dates import local, next_workday
from tests.support.emulator import FUNCTIONS_URL, call

QUESTIONS = [
    {"label": "Hair length", "type": "choice", "options": ["Short", "Long"], "required": True},
    {"label": "Anything we should know?", "type": "text"},
]


def doc(db: Any, path: str) -> dict[str, Any]:
    return db.document(f"sites/demo/{path}").get().to_dict()


def book(service_id: str, staff_id: str, **extra: Any) -> dict[str, Any]:
    data = {
        "siteId": "demo",
        "serviceId": service_id,
        "branchId": "centrum",
        "staffId": staff_id,
        "start": local(next_workday(2), 10),
        "customer": {"name": "Ada", "email": "ada@example.com"},
        **extra,
    }
    return call("createBooking", data)


def test_a_new_service_is_stored_as_the_engine_reads_it(demo: Any) -> None:
    service = {**SERVICE, "depositCents": 500, "intakeQuestions": QUESTIONS}
    result = admin_call("adminSaveService", {"siteId": "demo", "service": service})
    assert result["created"] is True
    stored = doc(demo, f"services/{result['id']}")
    assert stored["name"] == "Scalp massage"
    assert (stored["durationMinutes"], stored["priceCents"], stored["depositCents"]) == (25, 2000, 500)
    assert stored["active"] is True
    ids = [question.pop("id") for question in stored["intakeQuestions"]]
    assert len(set(ids)) == 2
    assert stored["intakeQuestions"] == [
        {"label": "Hair length", "type": "choice", "options": ["Short", "Long"], "required": True},
        {"label": "Anything we should know?", "type": "text", "options": [], "required": False},
    ]


def test_editing_a_service_keeps_its_id_and_clears_removed_fields(demo: Any) -> None:
    edited = {"id": "haircut", "name": "Haircut & wash", "durationMinutes": 45, "active": True}
    assert admin_call("adminSaveService", {"siteId": "demo", "service": edited}) == {"id": "haircut", "created": False}
    stored = doc(demo, "services/haircut")
    assert (stored["name"], stored["durationMinutes"]) == ("Haircut & wash", 45)
    assert "priceCents" not in stored
    config = call("getBookingConfig", {"siteId": "demo"})
    haircut = next(s for s in config["services"] if s["id"] == "haircut")
    assert (haircut["durationMinutes"], haircut["price"]) == (45, None)


def test_editing_an_unknown_service_is_not_found(demo: Any) -> None:
    error = admin_error("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "id": "ghost"}})
    assert error.status == "NOT_FOUND"
    assert demo.document("sites/demo/services/ghost").get().exists is False


def test_a_deactivated_service_is_no_longer_offered(demo: Any) -> None:
    admin_call("adminSaveService", {"siteId": "demo", "service": {**SERVICE, "id": "beard", "active": False}})
    assert "beard" not in {s["id"] for s in call("getBookingConfig", {"siteId": "demo"})["services"]}


def test_a_service_with_future_bookings_can_only_be_deactivated(demo: Any) -> None:
    book("beard", "ben")
    error = admin_error("adminDeleteService", {"siteId": "demo", "serviceId": "beard"})
    assert error.status == "FAILED_PRECONDITION"
    assert "deactivate" in error.message
    assert demo.document("sites/demo/services/beard").get().exists


def test_deleting_a_service_unlinks_it_from_staff(demo: Any) -> None:
    assert admin_call("adminDeleteService", {"siteId": "demo", "serviceId": "beard"})["deleted"] is True
    assert not demo.document("sites/demo/services/beard").get().exists
    assert doc(demo, "staff/ben")["serviceIds"] == ["haircut"]
    assert doc(demo, "staff/chloe")["serviceIds"] == ["haircut", "colour"]


def test_a_cancelled_future_booking_does_not_block_deleting(demo: Any) -> None:
    made = book("beard", "ben")
    call("cancelBooking", {"siteId": "demo", "bookingId": made["bookingId"], "token": made["manageToken"]})
    assert admin_call("adminDeleteService", {"siteId": "demo", "serviceId": "beard"})["deleted"] is True


def test_staff_link_services_and_a_branch(demo: Any) -> None:
    member = {"name": "Dana", "serviceIds": ["beard", "haircut", "beard"], "branchId": "zuid", "active": True}
    result = admin_call("adminSaveStaff", {"siteId": "demo", "staff": member})
    stored = doc(demo, f"staff/{result['id']}")
    assert stored == {**member, "serviceIds": ["beard", "haircut"], "updatedAt": stored["updatedAt"]}
    config = call("getBookingConfig", {"siteId": "demo"})
    assert any(s["name"] == "Dana" and s["branchId"] == "zuid" for s in config["staff"])


def test_an_inactive_staff_member_is_not_offered(demo: Any) -> None:
    member = {"id": "anna", "name": "Anna", "serviceIds": ["haircut"], "branchId": "centrum", "active": False}
    admin_call("adminSaveStaff", {"siteId": "demo", "staff": member})
    assert "anna" not in {s["id"] for s in call("getBookingConfig", {"siteId": "demo"})["staff"]}


def test_a_staff_member_with_future_bookings_cannot_be_deleted(demo: Any) -> None:
    book("haircut", "anna")
    assert admin_error("adminDeleteStaff", {"siteId": "demo", "staffId": "anna"}).status == "FAILED_PRECONDITION"
    assert admin_call("adminDeleteStaff", {"siteId": "demo", "staffId": "chloe"})["deleted"] is True
    assert not demo.document("sites/demo/staff/chloe").get().exists


def test_branches_keep_their_per_branch_settings(demo: Any) -> None:
    branch = {
        "name": "Noord",
        "address": "Buikslotermeerplein 1",
        "city": "Amsterdam",
        "phone": "+31 20 000 0000",
        "active": True,
        "settings": BRANCH_SETTINGS,
    }
    result = admin_call("adminSaveBranch", {"siteId": "demo", "branch": branch})
    stored = doc(demo, f"branches/{result['id']}")
    assert stored["settings"] == BRANCH_SETTINGS
    assert stored["city"] == "Amsterdam"
    assert result["staffMoved"] == 0  # the site had branches already


def test_a_branch_with_staff_cannot_be_deleted(demo: Any) -> None:
    assert admin_error("adminDeleteBranch", {"siteId": "demo", "branchId": "zuid"}).status == "FAILED_PRECONDITION"
    admin_call("adminDeleteStaff", {"siteId": "demo", "staffId": "chloe"})
    assert admin_call("adminDeleteBranch", {"siteId": "demo", "branchId": "zuid"})["deleted"] is True
    assert not demo.document("sites/demo/schedules/branch-zuid").get().exists


def test_a_deactivated_branch_disappears_from_the_widget(demo: Any) -> None:
    stored = doc(demo, "branches/zuid")
    branch = {key: stored[key] for key in ("name", "address", "city", "phone", "settings")}
    admin_call("adminSaveBranch", {"siteId": "demo", "branch": {**branch, "id": "zuid", "active": False}})
    assert [b["id"] for b in call("getBookingConfig", {"siteId": "demo"})["branches"]] == ["centrum"]


def unoffered(site: str = "demo") -> set[str]:
    services = admin_call("adminGetSite", {"siteId": site})["services"]
    return {service["id"] for service in services if service["unoffered"]}


def test_an_active_service_no_staff_member_offers_is_flagged_until_someone_does(demo: Any) -> None:
    assert unoffered() == set()
    created = admin_call("adminSaveService", {"siteId": "demo", "service": SERVICE})["id"]
    assert unoffered() == {created}
    assert slots(created) == []  # what the flag warns about: the engine offers it no time
    member = {"id": "anna", "name": "Anna", "serviceIds": ["haircut", "colour", created], "branchId": "centrum"}
    admin_call("adminSaveStaff", {"siteId": "demo", "staff": {**member, "active": True}})
    assert unoffered() == set()
    assert slots(created)


def slots(service_id: str) -> list[Any]:
    day = str(next_workday(2))
    query = {"siteId": "demo", "serviceId": service_id, "branchId": "centrum", "from": day, "to": day}
    return [slot for free in call("getAvailableSlots", query)["days"] for slot in free["slots"]]


def test_a_refused_field_comes_with_its_path_for_the_page(demo: Any) -> None:
    response = requests.post(
        f"{FUNCTIONS_URL}/adminSaveService",
        json={"data": {"siteId": "demo", "service": {**SERVICE, "durationMinutes": 23}}},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=60,
    )
    error = response.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["details"] == {"field": "service.durationMinutes", "problem": "must be a multiple of 5"}

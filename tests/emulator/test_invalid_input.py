"""Every invalid input answers INVALID_ARGUMENT naming the field, and
leaves Firestore exactly as it was."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, call, change_catalog

START = local(next_workday(2), 10)
VALID = {
    "siteId": "demo",
    "serviceId": "haircut",
    "branchId": "centrum",
    "start": START,
    "customer": {"name": "Ada", "email": "ada@example.com"},
}
DAY = next_workday(2).isoformat()
VALID_QUERY = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "from": DAY, "to": DAY}

BAD_BOOKINGS = [
    ({"siteId": None}, "siteId"),
    ({"siteId": "../etc"}, "siteId"),
    ({"serviceId": 7}, "serviceId"),
    ({"start": "tomorrow at ten"}, "start"),
    ({"start": "2030-01-01T10:00:00"}, "start"),
    ({"customer": "Ada"}, "customer"),
    ({"customer": {"name": "Ada"}}, "customer.email"),
    ({"customer": {"name": " ", "email": "ada@example.com"}}, "customer.name"),
    ({"customer": {"name": "Ada", "email": "not-an-email"}}, "customer.email"),
    ({"customer": {"name": "Ada", "email": "ada@example.com", "phone": "call me"}}, "customer.phone"),
    ({"customer": {"name": "Ada", "email": "ada@example.com", "age": 3}}, "customer.age"),
    ({"notes": "x" * 2001}, "notes"),
    ({"marketingOptIn": "yes"}, "marketingOptIn"),
    ({"termsAccepted": 1}, "termsAccepted"),
    ({"answers": ["a"]}, "answers"),
    ({"answers": {"allergies": "none"}}, "answers.allergies"),
    ({"staffID": "anna"}, "staffID"),
    ({"siteId": "demo\n"}, "siteId"),
    ({"serviceId": "haircut\n"}, "serviceId"),
    ({"branchId": "centrum\n"}, "branchId"),
    ({"staffId": "anna\n"}, "staffId"),
]
BAD_QUERIES = [
    ({"from": "2030-13-01"}, "from"),
    ({"to": "next week"}, "to"),
    ({"from": "2030-02-01", "to": "2030-01-01"}, "to"),
    ({"from": "2030-01-01", "to": "2030-06-01"}, "to"),
    ({"serviceId": ""}, "serviceId"),
    ({"siteId": "demo\n"}, "siteId"),
]


def dump(db: Any) -> dict[str, Any]:
    """Every document of the database, for before/after comparison."""

    def walk(collection: Any) -> dict[str, Any]:
        found = {}
        for snapshot in collection.stream():
            found[snapshot.reference.path] = snapshot.to_dict()
            for sub in snapshot.reference.collections():
                found.update(walk(sub))
        return found

    result: dict[str, Any] = {}
    for collection in db.collections():
        result.update(walk(collection))
    return result


def assert_invalid(name: str, data: Any, field: str, db: Any) -> None:
    before = dump(db)
    with pytest.raises(CallableError) as error:
        call(name, data)
    assert error.value.status == "INVALID_ARGUMENT"
    assert error.value.message.startswith(f"{field}:"), error.value.message
    assert dump(db) == before


@pytest.mark.parametrize(("change", "field"), BAD_BOOKINGS, ids=[f for _, f in BAD_BOOKINGS])
def test_invalid_booking_input_names_the_field_and_writes_nothing(
    demo: Any, change: dict[str, Any], field: str
) -> None:
    data = {key: value for key, value in {**VALID, **change}.items() if value is not None}
    assert_invalid("createBooking", data, field, demo)


@pytest.mark.parametrize(("change", "field"), BAD_QUERIES, ids=[f"{f}-{i}" for i, (_, f) in enumerate(BAD_QUERIES)])
def test_invalid_slot_queries_name_the_field_and_write_nothing(demo: Any, change: dict[str, Any], field: str) -> None:
    assert_invalid("getAvailableSlots", {**VALID_QUERY, **change}, field, demo)


def test_required_intake_answers_are_enforced(demo: Any) -> None:
    change_catalog(
        demo,
        "sites/demo/services/beard",
        {
            "intakeQuestions": [
                {"id": "style", "label": "Style", "type": "choice", "options": ["Short", "Full"], "required": True}
            ]
        },
    )
    beard = {**VALID, "serviceId": "beard", "staffId": "ben"}
    assert_invalid("createBooking", beard, "answers.style", demo)
    assert_invalid("createBooking", {**beard, "answers": {"style": "Mohawk"}}, "answers.style", demo)
    assert call("createBooking", {**beard, "answers": {"style": "Full"}})["status"] == "confirmed"


def test_required_terms_must_be_accepted_and_the_version_is_stored(demo: Any) -> None:
    demo.document("sites/demo").update(
        {"terms": {"required": True, "text": "Cancel 24 h ahead.", "url": "", "version": "2026-11"}}
    )
    assert_invalid("createBooking", VALID, "termsAccepted", demo)
    result = call("createBooking", {**VALID, "termsAccepted": True})
    stored = demo.document(f"sites/demo/bookings/{result['bookingId']}").get().to_dict()
    assert stored["terms"]["accepted"] is True
    assert (stored["terms"]["version"], stored["terms"]["text"]) == ("2026-11", "Cancel 24 h ahead.")
    assert stored["terms"]["acceptedAt"] is not None


def test_control_and_bidi_characters_never_reach_the_stored_booking(demo: Any) -> None:
    customer = {"name": "Eve\u202egnp.exe\x07\nBcc: x", "email": "eve@example.com"}
    notes = "Line one\r\nline two\u2067\x1b[31m"
    result = call("createBooking", {**VALID, "customer": customer, "notes": notes})
    stored = demo.document(f"sites/demo/bookings/{result['bookingId']}").get().to_dict()
    assert stored["customer"]["name"] == "Evegnp.exe Bcc: x"
    assert stored["notes"] == "Line one\nline two[31m"

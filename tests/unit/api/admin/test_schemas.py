"""Validation of the admin callables' input: what is accepted, and that
every refusal names the field (nested fields by their path)."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

import pytest

from booking.api.admin import bookings_schema, schemas
from booking.api.admin import catalog_schema as catalog
from booking.domain.errors import InvalidInput
from booking.domain.model import TimeRange

SETTINGS = {"horizonDays": 14, "slotIntervalMinutes": 30, "bufferMinutes": 0, "minNoticeMinutes": 60}
BRANCH_SETTINGS = {
    "noShow": {"automatic": False, "timerMinutes": 15},
    "waitlist": {"enabled": False, "mode": "manual", "offerExpiryHours": 2},
    "clientConfirmation": {"required": True, "expiryHours": 24},
    "reminders": {"enabled": True, "leadHours": 24, "oneHour": True},
}


def refused(parse: Any, data: Any) -> str:
    with pytest.raises(InvalidInput) as error:
        parse(data)
    return error.value.field


def test_the_site_id_is_read_before_anything_else() -> None:
    assert schemas.site_of({"siteId": "demo", "whatever": object()}) == "demo"
    assert refused(schemas.site_of, {"siteId": "no/slashes"}) == "siteId"
    assert refused(schemas.site_of, ["demo"]) == "data"


def test_a_new_site_gets_english_and_euros_unless_told_otherwise() -> None:
    site = schemas.new_site({"siteId": "s1", "name": " Studio ", "timezone": "Europe/Lisbon"})
    assert (site.name, site.timezone, site.locale, site.currency) == ("Studio", "Europe/Lisbon", "en", "EUR")


@pytest.mark.parametrize("zone", ["Mars/Base", "localtime", "europe/amsterdam", "", 3, "../../etc/passwd"])
def test_only_iana_time_zones_are_accepted(zone: Any) -> None:
    assert refused(schemas.new_site, {"siteId": "s1", "name": "S", "timezone": zone}) == "timezone"


def test_a_settings_update_keeps_only_the_sections_given() -> None:
    update = schemas.site_update({"siteId": "s1", "settings": SETTINGS, "bookingEnabled": True})
    assert update.changes == {"settings": SETTINGS, "bookingEnabled": True}
    assert update.terms is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"horizonDays": 45}, "settings.horizonDays"),
        ({"horizonDays": True}, "settings.horizonDays"),
        ({"slotIntervalMinutes": 45}, "settings.slotIntervalMinutes"),
        ({"bufferMinutes": 20}, "settings.bufferMinutes"),
        ({"minNoticeMinutes": -5}, "settings.minNoticeMinutes"),
        ({"minNoticeMinutes": 61}, "settings.minNoticeMinutes"),
        ({"minNoticeMinutes": "60"}, "settings.minNoticeMinutes"),
        ({"reminder": 1}, "settings.reminder"),
    ],
)
def test_booking_settings_take_only_the_offered_values(change: dict[str, Any], field: str) -> None:
    assert refused(schemas.site_update, {"siteId": "s1", "settings": {**SETTINGS, **change}}) == field


def test_widget_colours_are_lower_cased_hex() -> None:
    widget = {"heading": "Book", "accentColor": "#ABC", "layout": "compact", "showStaff": False}
    assert schemas.site_update({"siteId": "s1", "widget": widget}).changes["widget"]["accentColor"] == "#abc"
    bad = {**widget, "accentColor": "rgb(1,2,3)"}
    assert refused(schemas.site_update, {"siteId": "s1", "widget": bad}) == "widget.accentColor"


def test_required_terms_need_a_text_or_a_link() -> None:
    assert refused(schemas.site_update, {"siteId": "s1", "terms": {"required": True}}) == "terms.text"
    terms = schemas.site_update({"siteId": "s1", "terms": {"required": True, "url": "https://x.test/t"}}).terms
    assert terms == {"required": True, "text": "", "url": "https://x.test/t"}
    assert refused(schemas.site_update, {"siteId": "s1", "terms": {"required": False, "url": "javascript:x"}}) == (
        "terms.url"
    )


def test_an_empty_update_is_refused() -> None:
    assert refused(schemas.site_update, {"siteId": "s1"}) == "data"


def test_a_service_becomes_the_document_the_engine_reads() -> None:
    write = catalog.service(
        {
            "siteId": "s1",
            "service": {
                "name": "Colour",
                "durationMinutes": 90,
                "priceCents": 8500,
                "depositCents": 2000,
                "active": True,
                "intakeQuestions": [
                    {"label": "Allergies?", "type": "text", "required": True},
                    {"id": "tone", "label": "Tone", "type": "choice", "options": [" Warm ", "Cool"]},
                ],
            },
        }
    )
    assert write.item_id is None
    new_id = write.doc["intakeQuestions"][0]["id"]
    assert re.fullmatch(r"q-[0-9a-f]{6}", new_id)
    assert write.doc == {
        "name": "Colour",
        "durationMinutes": 90,
        "priceCents": 8500,
        "depositCents": 2000,
        "active": True,
        "intakeQuestions": [
            {"id": new_id, "label": "Allergies?", "type": "text", "options": [], "required": True},
            {"id": "tone", "label": "Tone", "type": "choice", "options": ["Warm", "Cool"], "required": False},
        ],
    }


def test_new_intake_questions_never_take_the_id_of_a_deleted_one() -> None:
    def saved(questions: list[dict[str, Any]]) -> list[str]:
        service = {"name": "Colour", "durationMinutes": 90, "active": True, "intakeQuestions": questions}
        return [q["id"] for q in catalog.service({"siteId": "s1", "service": service}).doc["intakeQuestions"]]

    first = saved([{"label": "Allergies?", "type": "text"}, {"label": "Tone?", "type": "text"}])
    # The first question is deleted and a new one added: the browser sends the kept id only.
    second = saved([{"id": first[1], "label": "Tone?", "type": "text"}, {"label": "Length?", "type": "text"}])
    assert second[0] == first[1]
    assert second[1] not in first


def test_two_questions_with_one_id_are_refused() -> None:
    question = {"id": "tone", "label": "Tone", "type": "text"}
    service = {"name": "Colour", "durationMinutes": 90, "active": True, "intakeQuestions": [question, question]}
    assert refused(catalog.service, {"siteId": "s1", "service": service}) == "service.intakeQuestions.1.id"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"durationMinutes": 7}, "service.durationMinutes"),
        ({"durationMinutes": 725}, "service.durationMinutes"),
        ({"depositCents": 0}, "service.depositCents"),
        ({"priceCents": 1000, "depositCents": 1001}, "service.depositCents"),
        ({"intakeQuestions": "none"}, "service.intakeQuestions"),
        (
            {"intakeQuestions": [{"label": "Q", "type": "choice", "options": ["A", "A"]}]},
            "service.intakeQuestions.0.options",
        ),
        ({"intakeQuestions": [{"label": "Q", "type": "text"}] * 21}, "service.intakeQuestions"),
    ],
)
def test_service_rules(change: dict[str, Any], field: str) -> None:
    service = {"name": "S", "durationMinutes": 30, "active": True, **change}
    assert refused(catalog.service, {"siteId": "s1", "service": service}) == field


def test_staff_service_ids_are_deduplicated_and_sorted() -> None:
    write = catalog.staff({"siteId": "s1", "staff": {"name": "A", "serviceIds": ["b", "a", "b"], "active": True}})
    assert write.doc == {"name": "A", "serviceIds": ["a", "b"], "branchId": None, "active": True}


def test_a_branch_keeps_its_settings_and_clears_a_removed_time_zone() -> None:
    write = catalog.branch({"siteId": "s1", "branch": {"name": "B", "active": True, "settings": BRANCH_SETTINGS}})
    assert write.doc["settings"] == BRANCH_SETTINGS
    assert write.doc["timezone"] is None  # None clears a stored zone


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("noShow", "timerMinutes"), 3, "branch.settings.noShow.timerMinutes"),
        (("waitlist", "offerExpiryHours"), 0, "branch.settings.waitlist.offerExpiryHours"),
        (("clientConfirmation", "expiryHours"), 6, "branch.settings.clientConfirmation.expiryHours"),
        (("reminders", "leadHours"), 1, "branch.settings.reminders.leadHours"),
        (("reminders", "oneHour"), "yes", "branch.settings.reminders.oneHour"),
    ],
)
def test_branch_settings_rules(path: tuple[str, str], value: Any, field: str) -> None:
    settings = {key: dict(section) for key, section in BRANCH_SETTINGS.items()}
    settings[path[0]][path[1]] = value
    data = {"siteId": "s1", "branch": {"name": "B", "active": True, "settings": settings}}
    assert refused(catalog.branch, data) == field


def test_a_schedule_becomes_hours_with_sorted_ranges() -> None:
    write = schemas.schedule(
        {
            "siteId": "s1",
            "scope": "branch",
            "ownerId": "b1",
            "schedule": {
                "weekly": {"mon": [{"start": "14:00", "end": "18:00"}, {"start": "09:00", "end": "12:00"}], "sun": []},
                "breaks": {"mon": [{"start": "10:00", "end": "10:15"}]},
                "overrides": {"2030-12-25": [], "2030-12-31": [{"start": "20:00", "end": "02:00"}]},
            },
        }
    )
    assert write.hours is not None
    assert write.hours.weekly.ranges == {0: (TimeRange(time(9), time(12)), TimeRange(time(14), time(18)))}
    assert write.hours.weekly.breaks == {0: (TimeRange(time(10), time(10, 15)),)}
    assert write.hours.overrides == {date(2030, 12, 25): (), date(2030, 12, 31): (TimeRange(time(20), time(2)),)}


def test_a_staff_schedule_may_be_removed_but_the_site_schedule_not() -> None:
    assert schemas.schedule({"siteId": "s1", "scope": "staff", "ownerId": "ann"}).hours is None
    assert refused(schemas.schedule, {"siteId": "s1", "scope": "site"}) == "schedule"
    assert refused(schemas.schedule, {"siteId": "s1", "scope": "site", "ownerId": "x", "schedule": {}}) == "ownerId"


@pytest.mark.parametrize(
    ("ranges", "field"),
    [
        ([{"start": "09:00", "end": "12:00"}, {"start": "12:00", "end": "17:00"}], "schedule.weekly.tue"),
        ([{"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}], "schedule.weekly.tue"),
        ([{"start": "22:00", "end": "02:00"}, {"start": "23:00", "end": "23:30"}], "schedule.weekly.tue"),
        ([{"start": "24:00", "end": "12:00"}], "schedule.weekly.tue.0.start"),
        ([{"start": "09:00", "end": "12:07"}], "schedule.weekly.tue.0.end"),
        ([{"start": "09:00"}], "schedule.weekly.tue.0.end"),
        ([{"start": "09:00", "end": "10:00", "note": "x"}], "schedule.weekly.tue.0.note"),
        ({"start": "09:00", "end": "10:00"}, "schedule.weekly.tue"),
        ([{"start": f"{h:02d}:00", "end": f"{h:02d}:30"} for h in range(11)], "schedule.weekly.tue"),
    ],
)
def test_ranges_of_a_day_are_valid_and_apart(ranges: Any, field: str) -> None:
    data = {"siteId": "s1", "scope": "site", "schedule": {"weekly": {"tue": ranges}}}
    assert refused(schemas.schedule, data) == field


def test_a_booking_query_reads_filters_and_defaults_the_page_size() -> None:
    query = bookings_schema.booking_query(
        {"siteId": "s1", "from": "2030-01-01", "status": "confirmed", "cursor": "abc"}
    )
    assert (query.first_day, query.last_day, query.status, query.page_size, query.cursor) == (
        date(2030, 1, 1),
        None,
        "confirmed",
        25,
        "abc",
    )
    assert refused(bookings_schema.booking_query, {"siteId": "s1", "pageSize": 0}) == "pageSize"
    assert refused(bookings_schema.booking_query, {"siteId": "s1", "serviceId": "x"}) == "serviceId"


@pytest.mark.parametrize("action", ["confirm", "cancel", "complete", "no_show", "overrule_no_show", "reopen"])
def test_admins_make_every_status_change_staff_and_clients_make(action: str) -> None:
    assert bookings_schema.status_change({"siteId": "s1", "bookingId": "b1", "action": action}) == ("s1", "b1", action)


def test_only_the_system_expires_a_hold() -> None:
    assert refused(bookings_schema.status_change, {"siteId": "s1", "bookingId": "b1", "action": "expire"}) == "action"


@pytest.mark.parametrize(
    ("parse", "data", "field"),
    [
        (schemas.site_of, {"siteId": "demo\n"}, "siteId"),
        (schemas.new_site, {"siteId": "s1", "name": "S", "timezone": "UTC", "currency": "EUR\n"}, "currency"),
        (lambda data: schemas.item_ref(data, "serviceId"), {"siteId": "s1", "serviceId": "cut\n"}, "serviceId"),
        (
            schemas.site_update,
            {"siteId": "s1", "widget": {"heading": "B", "accentColor": "#abc\n", "layout": "full", "showStaff": True}},
            "widget.accentColor",
        ),
        (
            catalog.staff,
            {"siteId": "s1", "staff": {"name": "A", "active": True, "serviceIds": ["cut\n"]}},
            "staff.serviceIds",
        ),
    ],
)
def test_patterns_match_the_whole_value_never_a_trailing_newline(parse: Any, data: Any, field: str) -> None:
    assert refused(parse, data) == field


def test_names_lose_control_and_bidi_characters_and_terms_keep_their_lines() -> None:
    site = schemas.new_site({"siteId": "s1", "name": "Sal\u202eon\x07\nChic", "timezone": "UTC"})
    assert site.name == "Salon Chic"
    terms = schemas.site_update({"siteId": "s1", "terms": {"required": True, "text": "One\r\nTwo\u2066"}}).terms
    assert terms is not None
    assert terms["text"] == "One\nTwo"

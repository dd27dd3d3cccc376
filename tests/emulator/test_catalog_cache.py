"""A warm instance keeps a site's catalog while its catalog version holds,
and every way of changing the catalog gives the site a new version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud import firestore

from booking.adapters import calendars, site_store
from tests.emulator.test_admin_access import admin_call
from tests.support.dates import AMSTERDAM, next_workday
from tests.support.emulator import change_catalog, demo_data
from tests.support.records import booking_record


def service_names() -> set[str]:
    return {service.name for service in site_store.load_catalog("demo").services}


def version(db: Any) -> str:
    return str(db.document("sites/demo").get().get("catalogVersion"))


def test_a_warm_instance_keeps_its_catalog_until_the_version_changes(demo: Any) -> None:
    assert "Haircut" in service_names()
    demo.document("sites/demo/services/haircut").update({"name": "Cut"})  # behind the version's back
    assert "Haircut" in service_names()
    change_catalog(demo, "sites/demo/services/haircut", {"name": "Cut"})
    assert "Cut" in service_names()


def test_the_site_document_itself_is_never_cached(demo: Any) -> None:
    assert site_store.load_catalog("demo").site.settings.horizon_days != 45
    demo.document("sites/demo").update({"settings.horizonDays": 45})
    assert site_store.load_catalog("demo").site.settings.horizon_days == 45


def test_a_site_without_a_catalog_version_is_read_afresh_every_time(demo: Any) -> None:
    demo.document("sites/demo").update({"catalogVersion": firestore.DELETE_FIELD})
    assert "Haircut" in service_names()
    demo.document("sites/demo/services/haircut").update({"name": "Cut"})
    assert "Cut" in service_names()


def test_every_admin_catalog_write_gives_the_site_a_new_catalog_version(demo: Any) -> None:
    seen = {version(demo)}
    service = {"name": "Shave", "durationMinutes": 30, "priceCents": 2000, "active": True, "intakeQuestions": []}
    staff = {"id": "ben", "name": "Ben B.", "serviceIds": ["haircut"], "branchId": "centrum", "active": True}
    branch = {**demo_data.BRANCHES["zuid"], "id": "zuid", "phone": "+31 20 000 0000"}
    writes = [
        ("adminSaveService", {"siteId": "demo", "service": service}),
        ("adminSaveStaff", {"siteId": "demo", "staff": staff}),
        ("adminSaveBranch", {"siteId": "demo", "branch": branch}),
        ("adminDeleteService", {"siteId": "demo", "serviceId": "beard"}),
        ("adminSaveSchedule", {"siteId": "demo", "scope": "staff", "ownerId": "anna", "schedule": None}),
    ]
    for name, data in writes:
        admin_call(name, data)
        assert version(demo) not in seen, name
        seen.add(version(demo))


def test_busy_time_of_staff_added_since_the_cached_catalog_is_read_too(demo: Any) -> None:
    day = next_workday(2)
    start, end = (datetime.combine(day, datetime.min.time(), UTC) + timedelta(days=n) for n in (-1, 2))
    catalog, busy = site_store.load_with_busy("demo", None, start, end)  # cached: anna, ben, chloe
    assert {member.id for member in catalog.staff} == {"anna", "ben", "chloe"}
    assert busy == ()
    change_catalog(
        demo, "sites/demo/staff/dora", {"name": "Dora", "branchId": "zuid", "serviceIds": ["haircut"]}, new=True
    )
    at = datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM)
    batch = demo.batch()
    calendars.add(batch, booking_record(site_id="demo", staff_id="dora", start=at.astimezone(UTC)))
    batch.commit()
    _, busy = site_store.load_with_busy("demo", None, start, end)
    assert [(b.staff_id, b.start) for b in busy] == [("dora", at.astimezone(UTC))]

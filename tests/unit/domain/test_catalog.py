"""Which branch, service and staff member a request is about."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking.domain.catalog import Catalog, on_site_hours, unoffered_services
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.model import Hours, Service, StaffMember, TimeRange, WeeklySchedule
from booking.domain.site import Branch, Site

SITE = Site(id="s", name="S", timezone="Europe/Amsterdam")
CENTRE, SOUTH = Branch("centre", "Centre"), Branch("south", "South")


def test_without_branches_the_site_is_the_location() -> None:
    assert Catalog(SITE).branch(None) is None


def test_a_single_active_branch_is_chosen_automatically() -> None:
    catalog = Catalog(SITE, branches=(CENTRE, Branch("old", "Old", active=False)))
    assert catalog.branch(None) == CENTRE


def test_with_several_branches_the_caller_must_choose() -> None:
    with pytest.raises(InvalidInput) as error:
        Catalog(SITE, branches=(CENTRE, SOUTH)).branch(None)
    assert error.value.field == "branchId"


def test_inactive_or_unknown_branches_are_not_found() -> None:
    catalog = Catalog(SITE, branches=(CENTRE, Branch("old", "Old", active=False)))
    for branch_id in ("old", "nowhere"):
        with pytest.raises(NotFound):
            catalog.branch(branch_id)


def test_deposit_services_are_bookable_only_once_payments_are_ready() -> None:
    services = (Service("cut", "Cut", 30), Service("dye", "Dye", 90, deposit_cents=2000), Service("x", "X", 30, False))
    assert [s.id for s in Catalog(SITE, services=services).bookable_services()] == ["cut"]
    assert [s.id for s in Catalog(SITE, services=services, payments_ready=True).bookable_services()] == ["cut", "dye"]


def test_inactive_staff_are_not_found() -> None:
    with pytest.raises(NotFound):
        Catalog(SITE, staff=(StaffMember("ann", "Ann", active=False),)).staff_member("ann")


def test_a_branch_keeps_its_weekly_hours_but_site_holidays_apply() -> None:
    holiday, special = date(2026, 12, 25), date(2026, 12, 24)
    morning = (TimeRange(time(9), time(12)),)
    site = Site(id="s", name="S", timezone="UTC", hours=Hours(overrides={holiday: (), special: morning}))
    branch_hours = Hours(WeeklySchedule({0: morning}), overrides={special: ()})
    catalog = Catalog(site, branches=(Branch("b", "B", hours=branch_hours),))
    hours = catalog.location_hours(catalog.branch("b"))
    assert hours.weekly == branch_hours.weekly
    assert hours.overrides == {holiday: (), special: ()}


def test_a_branch_in_another_zone_uses_its_own_timezone() -> None:
    catalog = Catalog(SITE, branches=(Branch("ny", "NY", timezone="America/New_York"),))
    assert catalog.timezone_of(catalog.branch("ny")) == "America/New_York"
    assert catalog.timezone_of(None) == "Europe/Amsterdam"


HAIRCUT, SHAVE = Service("haircut", "Haircut", 30), Service("shave", "Shave", 20)
OLD = Service("old", "Old", 20, active=False)


def test_a_site_without_staff_offers_every_active_service() -> None:
    assert unoffered_services((HAIRCUT, SHAVE, OLD), ()) == ()


def test_an_active_service_no_active_staff_member_gives_is_not_offered() -> None:
    staff = (
        StaffMember("anna", "Anna", service_ids=frozenset({"haircut"})),
        StaffMember("ben", "Ben", service_ids=frozenset({"shave"}), active=False),
    )
    assert unoffered_services((HAIRCUT, SHAVE, OLD), staff) == (SHAVE,)


def test_a_site_with_only_inactive_staff_offers_nothing() -> None:
    staff = (StaffMember("ben", "Ben", service_ids=frozenset({"haircut", "shave"}), active=False),)
    assert unoffered_services((HAIRCUT, SHAVE), staff) == (HAIRCUT, SHAVE)


def test_only_branches_without_their_own_hours_follow_the_site_hours() -> None:
    own = Branch("centre", "Centre", hours=Hours())
    assert on_site_hours((own, SOUTH)) == (SOUTH,)
    assert on_site_hours((own,)) == ()

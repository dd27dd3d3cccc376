"""From an empty database to a bookable site entirely through the admin pages:
rights from the grant tool, then create the site, activate booking, add a
service, a branch, staff and hours, and manage the first booking."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import auth_user, nav, new_email, saved, shot, sign_in
from tests.support.dates import local, next_workday
from tests.support.emulator import ROOT, call

SITE = "fresh-cuts"
DAY = next_workday(2)


def grant_admin(email: str, site_id: str) -> None:
    """What an operator runs: `make grant-admin EMAIL=... SITE=...`."""
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grant_admin.py"), email, site_id],
        check=True,
        env=dict(os.environ),
        capture_output=True,
        timeout=60,
    )


def test_a_new_site_is_set_up_and_run_from_the_admin_pages(db: Any, page: Page) -> None:
    email, password = new_email("owner"), "owner-pass-2026"
    auth_user(email, password)
    sign_in(page, email, password)
    expect(page.get_by_role("heading", name="No site yet")).to_be_visible()
    grant_admin(email, SITE)
    page.get_by_role("button", name="Check again").click()

    expect(page.get_by_role("heading", name="Create your site")).to_be_visible()
    page.get_by_label("Business name").fill("Fresh Cuts")
    page.get_by_label("Time zone").select_option("Europe/Amsterdam")
    shot(page, "setup-create-site")
    page.get_by_role("button", name="Create site").click()

    expect(page.get_by_role("heading", name="Widgets", level=1)).to_be_visible()
    menu = page.get_by_role("navigation", name="Admin sections")
    expect(menu).not_to_contain_text("Services")  # booking is off until activated
    page.get_by_role("button", name="Activate booking").click()
    saved(page, "Booking activated")

    nav(page, "Services")
    expect(page.locator("main")).to_contain_text("No services yet")
    page.get_by_role("link", name="New service").click()
    page.get_by_label("Name").fill("Cut & style")
    page.get_by_label("Duration (minutes)").fill("30")
    page.get_by_label("Price (EUR)").fill("20")
    page.get_by_role("button", name="Save service").click()
    saved(page, 'Service "Cut & style" saved')

    nav(page, "Branches")
    page.get_by_role("link", name="New branch").click()
    page.get_by_label("Name").fill("High Street")
    page.get_by_label("Address").fill("High Street 1")
    page.get_by_label("City").fill("Utrecht")
    page.get_by_role("button", name="Save branch").click()
    saved(page, "Branch saved")

    nav(page, "Staff")
    page.get_by_role("link", name="New staff member").click()
    page.get_by_label("Name").fill("Robin")
    expect(page.get_by_label("Branch")).to_have_value(next(iter(branch_ids(db))))
    page.get_by_label("Cut & style").check()
    page.get_by_role("button", name="Save staff member").click()
    saved(page, "Robin saved")

    nav(page, "Availability")
    weekday = DAY.strftime("%A")
    day = page.get_by_role("group", name=weekday, exact=True)
    day.get_by_label("Open").check()
    expect(page.get_by_label(f"{weekday} hours 1 from")).to_have_value("09:00")
    page.get_by_label(f"{weekday} hours 1 until").fill("12:00")
    page.get_by_role("button", name="Save hours").click()
    expect(page.locator(".report")).to_contain_text("The new hours apply now")
    shot(page, "setup-availability")

    nav(page, "Settings")
    page.get_by_label("Bookable up to").select_option("30")
    page.get_by_role("button", name="Save settings").click()
    saved(page, "Settings saved")

    config = call("getBookingConfig", {"siteId": SITE})
    (service,) = config["services"]
    (member,) = config["staff"]
    assert (service["name"], member["name"], config["settings"]["horizonDays"]) == ("Cut & style", "Robin", 30)
    query = {"siteId": SITE, "serviceId": service["id"], "from": DAY.isoformat(), "to": DAY.isoformat()}
    (open_day,) = call("getAvailableSlots", query)["days"]
    starts = [slot["start"] for slot in open_day["slots"]]
    assert starts == [local(DAY, hour, minute) for hour in (9, 10, 11) for minute in (0, 30)]
    customer = {"name": "First Client", "email": "first@example.com"}
    call("createBooking", {"siteId": SITE, "serviceId": service["id"], "start": local(DAY, 10), "customer": customer})

    nav(page, "Bookings")
    page.get_by_role("table", name="Bookings").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("First Client")
    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_role("button", name="Yes, cancel booking").click()
    saved(page, "Booking cancelled")
    shot(page, "setup-booking-cancelled")
    (again,) = call("getAvailableSlots", query)["days"]
    assert local(DAY, 10) in [slot["start"] for slot in again["slots"]]


def branch_ids(db: Any) -> list[str]:
    return [snapshot.id for snapshot in db.collection(f"sites/{SITE}/branches").stream()]

"""The staff app (/staff/) in real headless Chromium: PIN sign-in, the day's
agenda, walk-ins and status changes, and what makes it an installable app."""

from __future__ import annotations

import json
import re
import struct
import subprocess
from datetime import datetime
from typing import Any

from playwright.sync_api import Page, expect

from tests.emulator.test_payments_checkout import book_deposit
from tests.emulator.test_staff_login import session, staff_call
from tests.emulator.test_staff_status import book
from tests.support.browser import ARTIFACTS, HOSTING_URL
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import ROOT, change_catalog, started

TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


def today() -> str:
    return datetime.now(AMSTERDAM).date().isoformat()


def walk_in(staff_id: str, time: str, name: str, service: str = "haircut") -> dict[str, Any]:
    data = {"serviceId": service, "date": today(), "time": time, "name": name}
    booking: dict[str, Any] = staff_call("staffCreateWalkIn", data, session(staff_id))
    return booking


def sign_in(page: Page, name: str, pin: str) -> None:
    page.goto(f"{HOSTING_URL}/staff/?site=demo")
    expect(page.get_by_role("heading", name="Who's working?")).to_be_visible()
    page.get_by_role("button", name=re.compile(name)).click()
    page.get_by_label("PIN", exact=True).fill(pin)
    page.get_by_role("button", name="Sign in").click()


def card(page: Page, customer: str) -> Any:
    return page.locator("article.booking", has=page.locator(".customer", has_text=customer))


def stored(db: Any, booking_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    return doc


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_day_at_the_desk_on_a_tablet(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    grace = walk_in("anna", "07:00", "Grace")
    alan = walk_in("ben", "07:30", "Alan")
    sign_in(page, "Anna", "1111")

    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    expect(page.get_by_role("heading", name=re.compile(r"^Today · "))).to_be_visible()
    expect(page.get_by_role("region", name="Anna")).to_contain_text("Grace")
    expect(page.get_by_role("region", name="Ben")).to_contain_text("Alan")
    shot(page, "staff-tablet-agenda")

    # A walk-in for now-ish with Ben, who offers beard trims (Anna doesn't).
    page.get_by_role("button", name="+ Walk-in").click()
    dialog = page.get_by_role("dialog", name="Walk-in")
    dialog.get_by_role("radio", name=re.compile("Beard trim")).click()
    expect(dialog.get_by_label("With")).to_have_value("ben")
    dialog.get_by_label("Time").fill("08:00")
    dialog.get_by_label("Name (optional)").fill("Walter")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("region", name="Ben")).to_contain_text("Walter")

    # Anna's 07:00 haircut runs to 07:30: a walk-in at 07:15 with her conflicts.
    page.get_by_role("button", name="+ Walk-in").click()
    dialog = page.get_by_role("dialog", name="Walk-in")
    dialog.get_by_role("radio", name=re.compile("Haircut")).click()
    expect(dialog.get_by_label("With")).to_have_value("anna")
    dialog.get_by_label("Time").fill("07:15")
    dialog.get_by_label("Name (optional)").fill("Wendy")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Anna already has a booking at that time. Choose another time or someone else."
    )
    shot(page, "staff-tablet-walk-in-conflict")
    dialog.get_by_label("Time").fill("07:30")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog).to_have_count(0)
    expect(card(page, "Wendy")).to_contain_text("07:30–08:00")

    # Check out Grace; Alan didn't come (his time has begun), then did after all.
    started(demo, alan["id"], minutes_ago=1)
    card(page, "Grace").get_by_role("button", name="Check out").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, check out").click()
    expect(card(page, "Grace").locator(".badge").first).to_have_text("Completed")
    card(page, "Alan").get_by_role("button", name="No-show").click()
    expect(card(page, "Alan").locator(".badge").first).to_have_text("No-show")
    card(page, "Alan").get_by_role("button", name="Undo no-show").click()
    expect(card(page, "Alan").locator(".badge").first).to_have_text("Confirmed")
    card(page, "Grace").locator("summary", has_text="History").click()
    expect(card(page, "Grace").locator(".history li").last).to_contain_text("Anna: Confirmed → Completed")
    shot(page, "staff-tablet-after-changes")

    assert stored(demo, grace["id"])["status"] == "completed"
    assert [(e["by"], e["to"]) for e in stored(demo, alan["id"])["statusHistory"]] == [
        ("Ben", "confirmed"),
        ("Anna", "no_show"),
        ("Anna", "confirmed"),
    ]
    sources = {
        doc.get("customer")["name"]: doc.get("source") for doc in demo.collection("sites/demo/bookings").stream()
    }
    assert sources == {"Grace": "walk-in", "Alan": "walk-in", "Walter": "walk-in", "Wendy": "walk-in"}
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def test_staff_without_a_branch_pick_theirs_and_the_tablet_remembers_it(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    change_catalog(demo, "sites/demo/staff/ben", {"branchId": None})
    walk_in("anna", "07:00", "Grace")
    walk_in("chloe", "07:00", "Zoë")
    sign_in(page, "Ben", "2222")

    branch = page.get_by_label("Branch")
    expect(branch).to_have_value("centrum")
    expect(page.get_by_role("region", name="Anna")).to_contain_text("Grace")
    branch.select_option("zuid")
    expect(page.get_by_role("region", name="Chloé")).to_contain_text("Zoë")
    expect(page.get_by_role("region", name="Anna")).to_have_count(0)
    shot(page, "staff-branch-picker")

    page.get_by_role("button", name="+ Walk-in").click()
    dialog = page.get_by_role("dialog", name="Walk-in")
    dialog.get_by_role("radio", name=re.compile("Haircut")).click()
    dialog.get_by_label("With").select_option("chloe")
    dialog.get_by_label("Time").fill("08:00")
    dialog.get_by_label("Name (optional)").fill("Walter")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(page.get_by_role("region", name="Chloé")).to_contain_text("Walter")
    bookings = demo.collection("sites/demo/bookings").stream()
    branches = {doc.get("customer")["name"]: doc.get("branchId") for doc in bookings}
    assert branches == {"Grace": "centrum", "Zoë": "zuid", "Walter": "zuid"}

    page.reload()
    expect(page.get_by_label("Branch")).to_have_value("zuid")
    expect(page.get_by_role("region", name="Chloé")).to_contain_text("Walter")


def test_the_phone_layout_lists_the_day_with_who_does_what(demo: Any, page: Page) -> None:
    page.set_viewport_size(PHONE)
    walk_in("anna", "07:00", "Grace")
    walk_in("ben", "07:00", "Alan")
    sign_in(page, "Ben", "2222")
    expect(page.locator(".hello")).to_have_text("Hi, Ben")
    expect(page.locator(".list article.booking")).to_have_count(2)
    expect(card(page, "Grace")).to_contain_text("Anna")
    expect(page.locator(".columns")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "staff-phone-agenda")


def test_a_wrong_pin_is_refused_and_switching_staff_forgets_the_day(demo: Any, page: Page) -> None:
    walk_in("anna", "07:00", "Grace")
    sign_in(page, "Anna", "9999")
    expect(page.get_by_role("alert")).to_have_text("PIN not accepted. Check it and try again, or wait a few minutes.")
    shot(page, "staff-pin-pad-wrong-pin")
    page.get_by_label("PIN", exact=True).fill("1111")
    page.get_by_role("button", name="Sign in").click()
    expect(card(page, "Grace")).to_be_visible()
    page.get_by_role("button", name="Switch staff").click()
    expect(page.get_by_role("heading", name="Who's working?")).to_be_visible()
    expect(page.get_by_text("Grace")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", name="Who's working?")).to_be_visible()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_it_is_an_installable_app_whose_worker_keeps_only_the_shell(demo: Any, page: Page) -> None:
    sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    assert scope == f"{HOSTING_URL}/staff/"

    href = page.locator('link[rel="manifest"]').get_attribute("href")
    response = page.request.get(f"{HOSTING_URL}{href}")
    assert response.ok
    manifest = response.json()
    assert manifest["name"] == "Staff desk"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/staff/", "/staff/", "standalone")
    sizes = {}
    for icon in manifest["icons"]:
        image = page.request.get(f"{HOSTING_URL}{icon['src']}")
        assert image.ok
        assert image.headers["content-type"] == "image/png"
        sizes[icon["sizes"]] = png_size(image.body())
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}

    cdp = page.context.new_cdp_session(page)
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["errors"] == []
    errors = [error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # Test contexts are incognito, where Chromium never installs; every other criterion must hold.
    assert [error for error in errors if error != "in-incognito"] == []

    page.reload()
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
            }
            return urls.sort();
        }"""
    )
    assert "/staff/" in cached
    assert "/staff/app.js" in cached
    assert all(url.startswith("/staff/") for url in cached)
    assert not any("/api/" in url for url in cached)
    shot(page, "staff-installable")


def go_to(page: Page, day: str) -> None:
    page.get_by_label("Go to date").fill(day)
    expect(page.get_by_label("Go to date")).to_have_value(day)


def test_no_show_only_once_begun_and_check_out_asks_first(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    grace = walk_in("anna", "07:00", "Grace")
    started(demo, grace["id"], minutes_ago=5)
    later_day = next_workday(2)
    later = book(10)  # Grace again, two working days ahead
    sign_in(page, "Anna", "1111")

    today_card = card(page, "Grace").filter(has=page.get_by_role("button", name="No-show"))
    expect(today_card.get_by_role("button", name="Check out")).to_be_visible()
    today_card.get_by_role("button", name="Check out").click()
    question = page.get_by_role("dialog")
    expect(question).to_contain_text("Check out Grace (")
    expect(question).to_contain_text("This can't be undone.")
    expect(question.get_by_role("button", name="No, go back")).to_be_focused()
    shot(page, "staff-check-out-asks-first")
    question.get_by_role("button", name="No, go back").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert stored(demo, grace["id"])["status"] == "confirmed"

    today_card.get_by_role("button", name="Check out").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, check out").click()
    expect(card(page, "Grace").locator(".badge").first).to_have_text("Completed")
    assert stored(demo, grace["id"])["status"] == "completed"

    go_to(page, later_day.isoformat())
    future = page.locator(f'article[data-booking="{later}"]')
    expect(future).to_be_visible()
    expect(future.get_by_role("button")).to_have_text(["Cancel booking"])
    shot(page, "staff-future-booking-actions")


def test_a_card_shows_e_mail_deposit_intake_questions_and_only_other_no_shows(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    day = next_workday(2)
    missed, next_visit = book(10), book(12)
    started(demo, missed)
    staff_call("staffChangeStatus", {"bookingId": missed, "action": "no_show"}, session("anna"))
    colour = book_deposit(demo, local(day, 14), email="dora@example.com")["bookingId"]
    sign_in(page, "Anna", "1111")
    go_to(page, day.isoformat())

    missed_card = page.locator(f'article[data-booking="{missed}"]')
    expect(missed_card.locator(".badge").first).to_have_text("No-show")
    expect(missed_card.locator(".warn")).to_have_count(0)
    expect(page.locator(f'article[data-booking="{next_visit}"] .warn')).to_have_text("1 earlier no-show")
    colour_card = page.locator(f'article[data-booking="{colour}"]')
    expect(colour_card.get_by_role("link", name="dora@example.com")).to_have_attribute(
        "href", "mailto:dora@example.com"
    )
    expect(colour_card.locator(".deposit")).to_have_text("Deposit €20.00 not paid")
    expect(colour_card.locator(".intake dt")).to_have_text(["Any allergies to hair dye?"])
    expect(colour_card.locator(".intake dd")).to_have_text(["none"])
    expect(missed_card.locator(".deposit")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    shot(page, "staff-card-details")


def test_a_walk_in_starts_with_the_member_s_own_service_and_takes_e_mail_phone_and_notes(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    sign_in(page, "Anna", "1111")
    expect(page.locator(".hello")).to_have_text("Hi, Anna")
    page.get_by_role("button", name="+ Walk-in").click()
    dialog = page.get_by_role("dialog", name="Walk-in")
    # Beard trim comes first, but it is Ben's: Anna's own first service is chosen.
    expect(dialog.get_by_role("radio").first).to_have_accessible_name(re.compile("Beard trim"))
    expect(dialog.get_by_role("radio", name=re.compile("Colour treatment"))).to_have_attribute("aria-checked", "true")
    expect(dialog.get_by_label("With")).to_have_value("anna")

    dialog.get_by_label("Time").fill("08:00")
    dialog.get_by_label("Name (optional)").fill("Walter")
    dialog.get_by_label("Phone (optional)").fill("+31 6 1234 5678")
    dialog.get_by_label("E-mail (optional)").fill("walter@example")
    dialog.get_by_label("Notes (optional)").fill("Sensitive scalp")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog.locator("#walkin-email-error")).to_have_text("Enter a valid e-mail address, or leave it empty.")
    expect(dialog.get_by_label("E-mail (optional)")).to_be_focused()
    shot(page, "staff-walk-in-details")
    dialog.get_by_label("E-mail (optional)").fill("walter@example.com")
    dialog.get_by_role("button", name="Create walk-in").click()
    expect(dialog).to_have_count(0)
    walter = card(page, "Walter")
    expect(walter).to_contain_text("walter@example.com")
    expect(walter).to_contain_text("Sensitive scalp")

    (booking,) = [doc.to_dict() for doc in demo.collection("sites/demo/bookings").stream()]
    assert (booking["serviceId"], booking["staffId"], booking["notes"]) == ("colour", "anna", "Sensitive scalp")
    assert booking["customer"]["phone"] == "+31 6 1234 5678"
    sent = [doc.to_dict() for doc in demo.collection("sites/demo/outbox").stream()]
    assert [(mail["kind"], mail["to"]["email"]) for mail in sent] == [("confirmation", "walter@example.com")]


DUTCH_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december"]  # fmt: skip


def test_the_desk_speaks_the_site_s_language_not_the_browser_s(demo: Any, browser: Any) -> None:
    demo.document("sites/demo").update({"locale": "nl"})
    walk_in("anna", "07:00", "Grace")
    context = browser.new_context(viewport=TABLET, locale="de-DE", timezone_id="America/New_York")
    page = context.new_page()
    try:
        page.goto(f"{HOSTING_URL}/staff/?site=demo")
        expect(page.get_by_role("heading", name="Wie werkt er?")).to_be_visible()
        page.get_by_role("button", name=re.compile("Anna")).click()
        page.get_by_label("Pincode", exact=True).fill("1111")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.locator(".hello")).to_have_text("Hoi, Anna")
        now = datetime.now(AMSTERDAM).date()
        expected = f"Vandaag · {DUTCH_DAYS[now.weekday()]} {now.day} {DUTCH_MONTHS[now.month - 1]}"
        expect(page.get_by_role("heading", level=1)).to_have_text(expected)
        expect(card(page, "Grace").locator(".badge").first).to_have_text("Bevestigd")
        expect(card(page, "Grace").get_by_role("button", name="Afrekenen")).to_be_visible()
        expect(page.get_by_role("button", name="+ Inloop")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "nl"
        shot(page, "staff-dutch-agenda")
        page.get_by_role("button", name="+ Inloop").click()
        expect(page.get_by_role("dialog", name="Inloop").get_by_label("E-mail (optioneel)")).to_be_visible()
        shot(page, "staff-dutch-walk-in")
    finally:
        context.close()


def test_every_staff_string_exists_in_english_and_dutch() -> None:
    script = (
        "const { STRINGS } = await import('./hosting/src/staff/strings.js');"
        "const keys = Object.entries(STRINGS).map(([lang, table]) => [lang, Object.keys(table)]);"
        "console.log(JSON.stringify(Object.fromEntries(keys)));"
    )
    run = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    keys = json.loads(run.stdout)
    assert set(keys) == {"en", "nl"}
    assert sorted(keys["en"]) == sorted(keys["nl"])

"""The desk pages in Dutch, in real Chromium: an admin whose browser is
nl-NL, who never chose a language, gets Bookings (list, filters, a
booking with its deposit and actions, the New booking form refusing a taken
time), Payments, Staff and Staff access in Dutch, with dates and amounts
written the Dutch way. Screenshots: test-artifacts/admin-nl-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import ADMIN_URL, auth_user, open_page, saved, shot
from tests.emulator.test_admin_bookings import seed_bookings
from tests.emulator.test_payments_checkout import book_deposit
from tests.support.dates import local, next_workday
from tests.support.emulator import call, demo_data

DAY = next_workday(2)
WEEKDAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
LEFTOVER_ENGLISH = re.compile(
    r"\b(Booking|Bookings|Staff|Save|Back|Delete|Yes|None|Deposit|Payments?|Status history|"
    r"Branch|Service|Source|When|From|Until|Active|Inactive|Set|Locked|Unlock|the|and|with|unpaid|paid)\b"
)
"""English words the desk pages used to show that Dutch doesn't use ("of" and
"no-show" are Dutch too); the demo's own data (Haircut, Centrum, client
names) has none of them."""


def dutch_day(day: date) -> str:
    """How Intl writes the day in nl-NL, e.g. "ma 14 dec. 2026" (the period
    after an abbreviation depends on the browser's CLDR version)."""
    return rf"{WEEKDAYS[day.weekday()]}\.? {day.day} {MONTHS[day.month - 1]}\.? {day.year}"


@pytest.fixture
def dutch_admin(demo: Any, browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The demo admin in a browser set to Dutch, signed in through the Dutch sign-in form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        auth_user(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, {"sites": {demo_data.SITE_ID: "admin"}})
        page.goto(ADMIN_URL)
        page.get_by_label("E-mail").fill(demo_data.ADMIN_EMAIL)
        page.get_by_label("Wachtwoord").fill(demo_data.ADMIN_PASSWORD)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        expect(page.get_by_role("navigation", name="Onderdelen beheer")).to_contain_text("Boekingen")
        yield page
    finally:
        context.close()


def dutch_only(page: Page, name: str) -> None:
    """No English left in the page, nothing wider than the window; a screenshot to look at."""
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")
    text = page.locator("main").inner_text()
    assert not LEFTOVER_ENGLISH.findall(text), f"English on {name}: {sorted(set(LEFTOVER_ENGLISH.findall(text)))}"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280, f"{name} overflows sideways"
    shot(page, f"nl-{name}")


def test_bookings_list_filters_and_a_deposit_booking_read_in_dutch(demo: Any, dutch_admin: Page) -> None:
    page = dutch_admin
    start = datetime.combine(DAY, datetime.min.time(), UTC) + timedelta(hours=8)
    seed_bookings(demo, 2, start, notes="Raamplek")
    seed_bookings(demo, 1, start + timedelta(minutes=5), prefix="walkin", source="walk-in")
    seed_bookings(demo, 1, start + timedelta(minutes=10), prefix="desk", source="admin")
    open_page(page, f"bookings?from={DAY.isoformat()}")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Boekingen", level=1)).to_be_visible()
    for label in ("Van", "Tot en met", "Status", "Bron", "Vestiging", "Medewerkers"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    table = page.get_by_role("table", name="Boekingen")
    expect(table.locator("tbody tr")).to_have_count(4)
    for header in ("Wanneer", "Dienst", "Medewerker", "Klant", "Bron", "Status"):
        expect(table.get_by_role("columnheader", name=header, exact=True)).to_be_visible()
    for source in ("Online", "Inloop", "Beheer"):
        expect(table.get_by_role("cell", name=source, exact=True).first).to_be_visible()
    expect(table.locator(".badge.mark", has_text="Notities")).to_have_count(2)
    expect(table.get_by_role("link").first).to_have_text(re.compile(dutch_day(DAY)))
    expect(page.get_by_text("Pagina 1: 4 boekingen, gesorteerd op begintijd.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pagina's")).to_contain_text("Pagina 1")
    dutch_only(page, "bookings")

    page.get_by_label("Bron").select_option(label="Inloop")
    page.get_by_role("button", name="Boekingen tonen").click()
    expect(page.get_by_text("Pagina 1: 1 boeking, gesorteerd op begintijd.")).to_be_visible()

    later = next_workday(3)
    booking = book_deposit(demo, local(later, 10))
    open_page(page, f"bookings/{booking['bookingId']}")
    expect(main.get_by_role("heading", level=1)).to_have_text(re.compile(rf"^Grace Hopper — {dutch_day(later)}"))
    expect(main.locator(".status").first).to_have_text("Wacht op betaling")
    deposit = page.locator("dd").filter(has=page.locator("[data-deposit]"))
    expect(deposit).to_have_text(re.compile(r"€\s?20,00, niet betaald$"))
    history = page.get_by_role("table", name="Statusgeschiedenis")
    expect(history.get_by_role("cell", name="klant", exact=True)).to_be_visible()  # who made the change
    for heading in ("Afspraak", "Klant", "Statusgeschiedenis"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    expect(main.get_by_role("link", name="← Alle boekingen")).to_be_visible()
    expect(page.get_by_role("button", name="Boeking annuleren")).to_be_visible()
    page.get_by_role("button", name="Bevestigen zonder aanbetaling").click()
    question = main.locator(".confirm:visible")
    expect(question).to_contain_text("is niet betaald. Bevestig je toch, dan vervalt die")
    expect(question.get_by_role("button", name="Behouden")).to_be_visible()
    dutch_only(page, "booking-waive")
    page.get_by_role("button", name="Ja, bevestigen zonder aanbetaling").click()
    saved(page, "Boeking bevestigd, aanbetaling vervallen")
    expect(deposit).to_have_text(re.compile(r"€\s?20,00, vervallen \(bevestigd zonder betaling\)$"))
    expect(page.get_by_role("button", name="Afronden")).to_be_visible()
    expect(main).to_contain_text("Een no-show kun je markeren zodra de afspraak is begonnen.")
    dutch_only(page, "booking-waived")


def test_the_new_booking_form_refuses_a_taken_time_in_dutch(demo: Any, dutch_admin: Page) -> None:
    page = dutch_admin
    call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(DAY, 10),
            "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
        },
        ip="198.51.100.210",
    )
    open_page(page, "bookings")
    page.get_by_role("link", name="Nieuwe boeking").click()
    expect(page.get_by_role("heading", name="Nieuwe boeking", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("in stappen van 5 minuten")
    page.get_by_label("Dienst").select_option(label="Haircut")
    page.get_by_label("Medewerker").select_option(label="Anna")
    expect(page.get_by_label("Medewerker").locator("option").first).to_have_text("Wie er vrij is")
    page.get_by_label("Datum").fill(DAY.isoformat())
    page.get_by_label("Tijd").fill("10:15")
    page.get_by_label("Naam klant").fill("Grace Hopper")
    page.get_by_label("E-mail (optioneel)").fill("grace@example.com")
    page.get_by_role("button", name="Boeken", exact=True).click()
    expect(page.locator("main .form-error")).to_have_text("Anna heeft op die tijd al een boeking")
    expect(page.get_by_label("Naam klant")).to_have_value("Grace Hopper")  # nothing typed is lost
    dutch_only(page, "new-booking-taken")
    assert len(list(demo.collection("sites/demo/bookings").stream())) == 1


def test_payments_staff_and_staff_access_read_in_dutch(demo: Any, dutch_admin: Page) -> None:
    page = dutch_admin
    demo.collection("sites/demo/payments").document("refund-b3").set(
        {
            "bookingId": "b3",
            "kind": "refund",
            "amountCents": 2000,
            "currency": "EUR",
            "status": "succeeded",
            "reason": "booking_cancelled",
            "createdAt": datetime.now(UTC),
        }
    )
    open_page(page, "payments")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Betalingen", level=1)).to_be_visible()
    expect(main).to_contain_text("Aanbetalingen zijn beschikbaar.")
    expect(main).to_contain_text("Testmodus")
    payments = page.get_by_role("table", name="Recente betalingen")
    expect(payments.locator("tbody tr").first).to_contain_text("Terugbetaling (boeking geannuleerd)")
    expect(payments.locator("tbody tr").first).to_contain_text("Geslaagd")
    expect(payments.get_by_role("link", name="Boeking openen")).to_be_visible()
    expect(page.get_by_label("Kosten rekenen als een klant niet komt opdagen")).to_be_visible()
    expect(page.get_by_role("button", name="No-showkosten opslaan")).to_be_visible()
    dutch_only(page, "payments")

    open_page(page, "staff")
    expect(main.get_by_role("heading", name="Medewerkers", level=1)).to_be_visible()
    staff = page.get_by_role("table", name="Medewerkers")
    for header in ("Naam", "Vestiging", "Diensten", "Status"):
        expect(staff.get_by_role("columnheader", name=header, exact=True)).to_be_visible()
    expect(staff.get_by_role("cell", name="Actief", exact=True).first).to_be_visible()
    dutch_only(page, "staff")
    open_page(page, "staff/anna")
    expect(main.get_by_role("heading", name="Anna bewerken", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Medewerker opslaan")).to_be_visible()
    expect(page.get_by_role("link", name="Eigen werktijden")).to_be_visible()
    expect(page.get_by_role("button", name="Medewerker Anna verwijderen")).to_be_visible()
    dutch_only(page, "staff-anna")

    open_page(page, "staff-access")
    expect(main.get_by_role("heading", name="Toegang medewerkers", level=1)).to_be_visible()
    expect(main).to_contain_text("Status: Aan")
    expect(page.get_by_role("link", name="pagina Medewerkers")).to_have_attribute("href", "#/staff")
    pins = page.get_by_role("table", name="Pincodes van medewerkers")
    anna = pins.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Anna", exact=True))
    expect(anna).to_contain_text("Ingesteld")
    expect(anna.get_by_role("link", name="Pincode wijzigen voor Anna")).to_be_visible()
    expect(anna.get_by_role("button", name="Anna deactiveren")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code van de link naar de medewerkersapp"))).to_be_visible()
    expect(page.get_by_label("Sessieduur")).to_be_visible()
    dutch_only(page, "staff-access")
    open_page(page, "staff-access/anna")
    expect(main.get_by_role("heading", name="Pincode voor Anna", level=1)).to_be_visible()
    expect(page.get_by_label("Nieuwe pincode")).to_be_visible()
    expect(main).to_contain_text("Een nieuwe pincode beëindigt de huidige sessies van Anna.")
    dutch_only(page, "staff-access-anna")

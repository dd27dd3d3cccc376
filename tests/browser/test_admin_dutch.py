"""The admin pages in Dutch: the browser's language is the default, the
admin's choice in the top bar wins and is remembered, refused fields get
their Dutch sentence and dates read as Dutch. Screenshots are saved to
test-artifacts/admin-nl-<page>.png."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import ADMIN_URL, auth_user, open_page, shot, sign_in_as_demo_admin
from tests.support.emulator import demo_data

WIDTH = 1280
SECTIONS = ("Boekingen", "Diensten", "Beschikbaarheid", "Vestigingen", "Instellingen", "Widgets", "E-mails")
LOGO_SENTENCE = "Vul het webadres van het logo in, beginnend met https://, of laat het leeg."


def menu(page: Page, name: str = "Onderdelen beheer") -> Any:
    return page.get_by_role("navigation", name=name)


def dutch_page(page: Page, route: str, heading: str, *texts: str) -> None:
    """Opens a page, checks its Dutch heading and texts, that nothing runs
    off the screen sideways, and saves its screenshot."""
    open_page(page, route)
    expect(page.locator("main h1")).to_have_text(heading)
    for text in texts:
        expect(page.locator("main")).to_contain_text(text)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH, f"{route} overflows sideways"
    shot(page, f"nl-{route.replace('/', '-')}")


def refused(page: Page, sentence: str) -> None:
    expect(page.get_by_role("alert").filter(has_text="Verbeter het gemarkeerde veld.")).to_be_visible()
    expect(page.locator(".field-error")).to_have_text(sentence)


def test_a_dutch_browser_gets_the_admin_in_dutch(demo: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        auth_user(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, {"sites": {demo_data.SITE_ID: "admin"}})
        page.goto(ADMIN_URL)
        expect(page.get_by_role("button", name="Aanmelden")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        expect(page.get_by_label("Taal")).to_have_value("nl")
        shot(page, "nl-sign-in")
        page.get_by_label("E-mail").fill(demo_data.ADMIN_EMAIL)
        page.get_by_label("Wachtwoord").fill(demo_data.ADMIN_PASSWORD)
        page.get_by_role("button", name="Aanmelden").click()
        for section in SECTIONS:
            expect(menu(page).get_by_role("link", name=section, exact=True)).to_be_visible()
        expect(page.locator(".brand")).to_have_text("Boekingsbeheer")
        dutch_page(page, "services", "Diensten", "Duur", "Aanbetaling")
    finally:
        context.close()


def test_an_admin_switches_to_dutch_and_the_choice_is_remembered(demo: Any, page: Page) -> None:
    sign_in_as_demo_admin(page)
    page.get_by_label("Language").select_option("nl")
    expect(menu(page)).to_contain_text("Diensten")

    dutch_page(page, "services", "Diensten", "Duur", "Aanbetaling")
    dutch_page(page, "services/haircut", "Haircut bewerken", "Intakevragen", "Een veelvoud van 5 minuten.")
    expect(page.get_by_label("Prijs (EUR)")).to_have_value("35,00")
    page.get_by_label("Duur (minuten)").fill("32")
    page.get_by_role("button", name="Dienst opslaan").click()
    refused(page, "Vul de duur in hele minuten in: een veelvoud van 5, van 5 tot 720 (12 uur).")
    shot(page, "nl-service-refused")

    dutch_page(page, "availability", "Beschikbaarheid", "Openingstijden per week", "Feestdagen en afwijkende")
    expect(page.get_by_role("group", name="Maandag")).to_be_visible()
    page.get_by_role("button", name="Datum toevoegen").click()
    page.get_by_label("Datum 1", exact=True).fill("2026-12-25")
    expect(page.locator(".override legend")).to_have_text("vrijdag 25 december 2026")
    shot(page, "nl-availability-date")

    dutch_page(page, "branches", "Vestigingen", "Adres", "Telefoon")
    dutch_page(page, "branches/centrum", "Centrum bewerken", "Regels voor deze vestiging", "Wachtlijst")

    dutch_page(page, "settings", "Instellingen", "Boekingsregels", "Regels voor de site", "Algemene voorwaarden")
    page.get_by_label("Minuten na de begintijd").fill("7")
    page.get_by_role("button", name="Instellingen opslaan").click()
    refused(page, "Vul het aantal minuten na de begintijd in: een veelvoud van 5, van 5 tot 240.")
    shot(page, "nl-settings-refused")

    dutch_page(page, "widgets", "Widgets", "Opties en insluitcode", "Insluitcode")
    dutch_page(page, "emails", "E-mails", "Huisstijl", "Antwoordadres")
    page.get_by_label("Logo-URL").fill("ftp://example.com/logo.png")
    page.get_by_role("button", name="E-mailinstellingen opslaan").click()
    refused(page, LOGO_SENTENCE)
    expect(page.locator(".preview [role=status]")).to_have_text(
        f"Het voorbeeld kan niet worden getoond: {LOGO_SENTENCE}"
    )
    shot(page, "nl-emails-refused")

    page.reload()
    expect(page.get_by_role("group", name="Huisstijl")).to_be_visible()
    expect(page.get_by_label("Taal")).to_have_value("nl")

    page.get_by_label("Taal").select_option("en")
    expect(menu(page, "Admin sections")).to_contain_text("Services")
    expect(page.get_by_role("group", name="Branding")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Language")).to_have_value("en")

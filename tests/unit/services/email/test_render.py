"""The branded templates: every kind in both languages, values escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from booking.services.email.render import (
    Brand,
    EmailContent,
    Kind,
    Links,
    format_date,
    render,
)

BRAND = Brand(
    "Demo Hair Studio",
    accent="#0f766e",
    logo_url="https://cdn.example.com/logo.png",
    footer="Chamber of Commerce 12345678",
    address_lines=("Centrum", "Damrak 1", "Amsterdam"),
    phone="+31 20 123 4567",
)
CONTENT = EmailContent(
    kind=Kind.CONFIRMATION,
    locale="en",
    brand=BRAND,
    customer_name="Ada Lovelace",
    service="Haircut",
    start=datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
    end=datetime(2026, 3, 30, 8, 30, tzinfo=UTC),
    timezone="Europe/Amsterdam",
    links=Links(
        manage="https://book.example.com/manage?site=demo&booking=b1#token=T1",
        book="https://book.example.com/book?site=demo",
        google="https://calendar.google.com/calendar/render?action=TEMPLATE",
        confirm="https://book.example.com/manage?site=demo&booking=b1&action=confirm#token=T1",
    ),
    reference="b1",
    staff="Anna",
    location="Centrum, Damrak 1, Amsterdam",
    price_cents=3500,
    deadline=datetime(2026, 3, 28, 10, 0, tzinfo=UTC),
    previous=(datetime(2026, 3, 29, 8, 0, tzinfo=UTC), datetime(2026, 3, 29, 8, 30, tzinfo=UTC)),
    ics="new",
)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("locale", ["en", "nl"])
def test_every_kind_renders_a_branded_html_and_plain_text_part(kind: Kind, locale: str) -> None:
    rendered = render(replace(CONTENT, kind=kind, locale=locale))
    assert rendered.subject
    assert "\n" not in rendered.subject
    assert "Haircut" in rendered.subject
    for part in (rendered.html, rendered.text):
        assert "Demo Hair Studio" in part
        assert "Damrak 1" in part
        assert "Chamber of Commerce 12345678" in part
        assert "10:00–10:30 (Europe/Amsterdam)" in part
        assert "b1" in part
    assert "background:#0f766e" in rendered.html
    assert 'src="https://cdn.example.com/logo.png"' in rendered.html
    assert f'<html lang="{locale}">' in rendered.html
    assert "book.example.com/manage?site=demo&amp;booking=b1" in rendered.html
    assert "book.example.com/manage?site=demo&booking=b1" in rendered.text


def test_english_and_dutch_wording_follows_the_locale() -> None:
    english, dutch = render(CONTENT), render(replace(CONTENT, locale="nl-NL"))
    assert english.subject == "Booking confirmed: Haircut on Monday 30 March 2026"
    assert dutch.subject == "Afspraak bevestigd: Haircut op maandag 30 maart 2026"
    assert "Hello Ada Lovelace," in english.text
    assert "Beste Ada Lovelace," in dutch.text
    assert "€35.00" in english.text
    assert "€ 35,00" in dutch.text


def test_values_typed_by_people_are_escaped_in_html_and_kept_in_text() -> None:
    hostile = replace(
        CONTENT,
        customer_name='<script>alert("x")</script>',
        service="Cut & <b>dry</b>",
        brand=replace(BRAND, name="Salon <i>Chic</i>"),
        staff='"Anna"',
    )
    rendered = render(hostile)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in rendered.html
    assert "Cut &amp; &lt;b&gt;dry&lt;/b&gt;" in rendered.html
    assert "Salon &lt;i&gt;Chic&lt;/i&gt;" in rendered.html
    assert "<i>" not in rendered.html
    assert '<script>alert("x")</script>' in rendered.text


def test_only_a_colour_and_a_web_address_reach_attributes() -> None:
    brand = Brand("Salon", accent='red;background:url("x")', logo_url="javascript:alert(1)")
    rendered = render(replace(CONTENT, brand=brand))
    assert "javascript:" not in rendered.html
    assert "<img" not in rendered.html
    assert "background:#2563eb" in rendered.html


def test_text_on_the_accent_stays_readable() -> None:
    assert Brand("x", accent="#0f766e").on_accent == "#ffffff"
    assert Brand("x", accent="#fde047").on_accent == "#111827"
    assert Brand("x", accent="#fff").on_accent == "#111827"


def test_the_opt_in_request_has_the_confirm_button_and_the_deadline() -> None:
    rendered = render(replace(CONTENT, kind=Kind.REQUEST))
    assert 'data-link="confirm"' in rendered.html
    assert "action=confirm#token=T1" in rendered.text
    assert "before Saturday 28 March 2026, 11:00" in rendered.text


def test_cancellations_say_who_cancelled() -> None:
    by_client = render(replace(CONTENT, kind=Kind.CANCELLED, reason="client", ics="cancel"))
    by_business = render(replace(CONTENT, kind=Kind.CANCELLED, reason="business", ics=None))
    assert "As you asked" in by_client.text
    assert "removes this appointment from your calendar" in by_client.text
    assert "Unfortunately Demo Hair Studio had to cancel" in by_business.text
    assert "calendar file" not in by_business.text


def test_a_move_shows_the_previous_time() -> None:
    rendered = render(replace(CONTENT, kind=Kind.RESCHEDULED, ics="update"))
    assert "Previously: Sunday 29 March 2026, 10:00–10:30 (Europe/Amsterdam)" in rendered.text


def test_a_short_notice_reminder_says_soon() -> None:
    assert "starts soon, at 10:00" in render(replace(CONTENT, kind=Kind.REMINDER, soon=True)).text
    assert "on Monday 30 March 2026 at 10:00" in render(replace(CONTENT, kind=Kind.REMINDER)).text


def test_dates_are_formatted_per_language() -> None:
    day = datetime(2026, 12, 6, 10, tzinfo=UTC)
    assert format_date(day, "en") == "Sunday 6 December 2026"
    assert format_date(day, "nl") == "zondag 6 december 2026"


def test_a_price_in_a_currency_without_a_symbol_shows_its_code_first() -> None:
    assert "CHF 35.00" in render(replace(CONTENT, currency="CHF")).text
    assert "CHF 35,00" in render(replace(CONTENT, currency="CHF", locale="nl")).text


@pytest.mark.parametrize(
    "name",
    ["www.evil.example", "https://evil.example/login", "Ada evil.example", "pay@evil.example", "10.0.0.1"],
)
def test_a_client_name_never_becomes_a_link_in_either_part(name: str) -> None:
    """Mail clients link address-like text on their own; the name must not
    read as a host, a scheme or an e-mail address to them."""
    rendered = render(replace(CONTENT, customer_name=name))
    for part in (rendered.html, rendered.text):
        assert name not in part
        greeting = next(line for line in part.splitlines() if "Hello" in line).split("Hello", 1)[1]
        assert re.search(r"(https?:|\w\.\w|\w@)", greeting) is None, greeting
        assert greeting.replace("\u2060", "").count(name) == 1


def test_a_client_name_links_nowhere_in_the_html() -> None:
    html = render(replace(CONTENT, customer_name="www.evil.example")).html
    greeting = next(line for line in html.splitlines() if "Hello" in line)
    assert "<a" not in greeting


def test_a_refund_names_the_amount_and_why_in_either_language() -> None:
    refund = replace(CONTENT, kind=Kind.REFUNDED, reason="booking_cancelled", refunded_cents=2000)
    english, dutch = render(refund), render(replace(refund, locale="nl", reason="time_taken"))
    assert "after the booking below had been cancelled" in english.text
    assert "refunded your deposit of €20.00" in english.html
    assert "door iemand anders geboekt" in dutch.text
    assert "Terugbetaald: € 20,00" in dutch.text


def test_a_paid_deposit_shows_what_was_paid_and_what_is_left() -> None:
    paid = render(replace(CONTENT, deposit_paid_cents=1000)).text
    assert "Deposit paid: €10.00" in paid
    assert "Still to pay at the appointment: €25.00" in paid
    whole = render(replace(CONTENT, deposit_paid_cents=3500)).text
    assert "Still to pay at the appointment: Nothing: paid in full" in whole
    assert "Deposit paid" not in render(CONTENT).text

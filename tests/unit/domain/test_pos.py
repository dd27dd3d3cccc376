"""POS settings: which reader a card sale goes to, and the admin's receipt options."""

from __future__ import annotations

from decimal import Decimal

import pytest

from booking.domain.errors import Conflict, InvalidInput, NotFound
from booking.domain.pos import LOCAL_SIMULATED_READER, PosSettings, Reader, failure_message, receipt_options_input
from booking.domain.receipt import ReceiptOptions

FRONT, BACK = Reader("tmr_front", "Front"), Reader("tmr_back", "Back")


def test_a_card_sale_goes_to_the_reader_asked_for_else_the_default_else_the_only_one() -> None:
    both = PosSettings(enabled=True, readers=(FRONT, BACK), default_reader_id="tmr_back")
    assert both.reader("tmr_front") == FRONT
    assert both.reader(None) == BACK
    assert PosSettings(enabled=True, readers=(FRONT,)).reader(None) == FRONT
    with pytest.raises(NotFound):
        both.reader("tmr_gone")
    with pytest.raises(Conflict, match="No card reader"):
        PosSettings(enabled=True, readers=(FRONT, BACK)).reader(None)


def test_a_register_that_is_off_refuses_to_sell() -> None:
    with pytest.raises(Conflict, match="not enabled"):
        PosSettings().require_enabled()


def test_the_local_simulated_reader_is_known_by_its_id() -> None:
    assert Reader(LOCAL_SIMULATED_READER, "Desk", True).local
    assert not FRONT.local


def test_receipt_options_are_checked_field_by_field() -> None:
    options = receipt_options_input({"header": " Hi ", "footer": "Bye", "vatPercent": 9, "paperWidth": 58})
    assert options == ReceiptOptions("Hi", "Bye", Decimal(9), 58)
    assert receipt_options_input({}).vat_percent is None
    for doc, field in (
        ({"paperWidth": 70}, "receipt.paperWidth"),
        ({"vatPercent": 101}, "receipt.vatPercent"),
        ({"vatPercent": "x"}, "receipt.vatPercent"),
        ({"header": "x" * 201}, "receipt.header"),
        ({"logo": "x"}, "receipt.logo"),
    ):
        with pytest.raises(InvalidInput) as refused:
            receipt_options_input(doc)
        assert refused.value.field == field


def test_each_card_failure_has_a_sentence_for_the_desk() -> None:
    assert failure_message("card_declined") == "The card was declined"
    assert failure_message("something_new") == "The card payment did not go through"

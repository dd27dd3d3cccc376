"""Control and bidi-override characters never get past the boundary."""

from __future__ import annotations

from booking.domain.clean_text import lines, one_line


def test_a_right_to_left_override_cannot_disguise_a_name() -> None:
    assert one_line("Eve\u202egnp.exe") == "Evegnp.exe"


def test_every_bidi_embedding_override_and_isolate_is_removed() -> None:
    assert one_line("a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j") == "abcdefghij"


def test_direction_marks_needed_by_mixed_scripts_stay() -> None:
    assert one_line("\u05e9\u05dc\u05d5\u05dd\u200f Ada\u200e") == "\u05e9\u05dc\u05d5\u05dd\u200f Ada\u200e"


def test_control_characters_are_removed_from_names() -> None:
    assert one_line("Ad\x00a\x07\x1b[31m\x7f\x9b") == "Ada[31m"


def test_a_name_keeps_to_one_line() -> None:
    assert one_line("Ada\nBcc: eve@example.com\r\u2028\tx") == "Ada Bcc: eve@example.com   x"


def test_notes_keep_their_lines_in_one_form() -> None:
    assert lines("first\r\nsecond\rthird\u2028fourth\tend") == "first\nsecond\nthird\nfourth\tend"


def test_notes_lose_control_and_bidi_characters() -> None:
    assert lines("ok\x00\u202e\x1b fine") == "ok fine"

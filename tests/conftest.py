"""Fixtures shared by the emulator and browser tests (see tests/support/)."""

from tests.support.browser import browser, page
from tests.support.emulator import db, demo, emulators

__all__ = ["browser", "db", "demo", "emulators", "page"]

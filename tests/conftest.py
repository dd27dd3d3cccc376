"""Fixtures shared by the emulator and browser tests (see tests/support/).

The Stripe stand-in starts here, before the emulators, so every test runs
against the same payments setup whichever tests are selected.
"""

import tests.support.stripe_stub  # noqa: F401 - starts the stand-in, sets the functions' Stripe env
from tests.support.browser import browser, page
from tests.support.emulator import db, demo, emulators

__all__ = ["browser", "db", "demo", "emulators", "page"]

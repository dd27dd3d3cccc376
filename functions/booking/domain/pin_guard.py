"""How many PIN guesses a site admits, and when a staff member's PIN
sign-in locks. Pure rules over counter totals; `services/staff/guard.py`
keeps the counters, `bench/pin_guess_bench.py` simulates an attacker
against the same rules.

A 4-digit PIN has 10,000 values, so an attacker's odds are the number of
wrong PINs the site lets them have checked, divided by 10,000. With any
number of addresses the per-address limit doesn't bound that number; what
does is the site's tolerance:

- only attempts for real staff members with a PIN, not locked, count;
- the site tolerates `SITE_TOLERATED_WRONG` wrong PINs over its current and
  its previous day window (so over any 24 hours, whatever the alignment);
- past that, each staff member gets one attempt at a time, and a wrong one
  locks their PIN sign-in until an admin unlocks it or sets a new PIN;
- a correct PIN always signs in and gives its places back: the tolerance
  refuses no one, it only decides when a wrong PIN locks.

So a site with `n` staff members admits at most `SITE_TOLERATED_WRONG + n`
wrong PINs a day (5 staff: 10 in 10,000, 0.1%), and locked members admit
none until an admin acts.
"""

from __future__ import annotations

from datetime import timedelta

IP_WRONG_PER_MINUTE = 5
"""Wrong PINs one address may have checked in a minute; then it is blocked."""
IP_WINDOW = timedelta(minutes=1)
IP_BLOCK = timedelta(minutes=15)
SITE_TOLERATED_WRONG = 5
"""Wrong PINs for a site's staff that lock no one, over two day windows."""
DAY = timedelta(hours=24)
"""The window of the site's tolerance and of the staff members' last chance."""
FAILURE_RETENTION = timedelta(hours=48)
"""How long a staff member's record keeps the addresses of wrong PINs."""
RECENT_FAILURES = timedelta(hours=24)
"""Which wrong PINs the admin pages show."""


def within_tolerance(previous_day: int, this_day: int) -> bool:
    """Whether an attempt whose place brought the site's day counter to
    `this_day` still locks no one if it is wrong."""
    return previous_day + this_day <= SITE_TOLERATED_WRONG


def last_chance_admits(total: int) -> bool:
    """Past the tolerance, a staff member's counter admits one attempt at a
    time: the first place is checked (a wrong PIN locks), the rest refused."""
    return total == 1

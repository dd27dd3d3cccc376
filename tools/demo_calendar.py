"""The demo's calendar sync (`make dev`): Anna's calendar on the local CalDAV
server (Radicale), connected through the admin callables as an admin would
on Booking → Calendar Sync, before the demo bookings, so they appear there."""

from __future__ import annotations

from demo_bookings import SITE, admin_token, call
from radicale_server import DEMO_PASSWORD, DEMO_USER, RadicaleServer

STAFF_ID = "anna"
WRITE_CALENDAR = "work"


def connect_demo_calendar(server: RadicaleServer) -> str:
    """Connects Anna's calendar unless a connection exists; says what it did."""
    token = admin_token()
    if call("adminListCalendarSync", {"siteId": SITE}, token)["connections"]:
        return "Calendar sync: a calendar is connected already."
    made = call(
        "adminConnectCalDav",
        {"siteId": SITE, "staffId": STAFF_ID, "url": server.url, "username": DEMO_USER, "password": DEMO_PASSWORD},
        token,
    )
    work = server.calendar_url(DEMO_USER, WRITE_CALENDAR)
    call(
        "adminConfigureCalendarSync",
        {
            "siteId": SITE,
            "connectionId": made["id"],
            "writeCalendar": work,
            "busyCalendars": [work],
            "externalDeletesCancel": True,
        },
        token,
    )
    return f"Calendar sync: Anna's bookings go to {work}; busy events there block her slots after a sync."

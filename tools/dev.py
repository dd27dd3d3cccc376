"""`make dev`: the whole product on the emulator suite, with the demo data.

Builds the hosting pages, starts auth, functions, firestore and hosting with
emulator-data/ imported, prints the URLs once they answer, adds the demo
bookings (tools/demo_bookings.py), then runs the local scheduler. Ctrl-C
stops everything it started.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo_bookings
import demo_calendar
import demo_data
import demo_waitlist
import radicale_server
import stack

HOSTING = f"http://127.0.0.1:{stack.ports()['hosting']}"
CALDAV_PORT = 5232 + stack.PORT_OFFSET
"""Radicale's usual port: the local CalDAV server for calendar sync."""
PAGES = {
    "Booking widget": f"{HOSTING}/book?site={demo_data.SITE_ID}",
    "Admin pages": f"{HOSTING}/admin/",
    # The staff app needs its site on a device that never signed in: the URL names it.
    "Staff app": f"{HOSTING}/staff/?site={demo_data.SITE_ID}",
    "Dev mailbox": f"{HOSTING}/mailbox/",
}


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def stop_on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with Ctrl-C ignored
    subprocess.run(["node", str(stack.ROOT / "hosting" / "build.mjs")], check=True)
    try:
        emulators = stack.start(import_dir=stack.ROOT / "emulator-data")
    except stack.StackError as error:
        print(error, file=sys.stderr)
        return 1
    scheduler = None
    # A fresh CalDAV server each run, like the emulator's fresh demo data.
    caldav_folder = stack.TOOLS_DIR / "radicale-dev"
    shutil.rmtree(caldav_folder, ignore_errors=True)
    caldav = radicale_server.RadicaleServer(
        caldav_folder, CALDAV_PORT, {radicale_server.DEMO_USER: radicale_server.DEMO_PASSWORD}
    )
    try:
        caldav.start()
        stack.wait_until_ready(emulators)
        deadline = time.monotonic() + 30
        while not all(answers(url) for url in PAGES.values()) and time.monotonic() < deadline:
            time.sleep(0.5)
        ports = stack.ports()
        print("\nThe booking stack is running (Ctrl-C stops it):")
        for name, url in PAGES.items():
            print(f"  {name:<15} {url}")
        print(f"  {'Functions':<15} http://127.0.0.1:{ports['functions']}/{stack.PROJECT_ID}/{stack.REGION}/<name>")
        print(f"  {'Firestore':<15} 127.0.0.1:{ports['firestore']}    Auth 127.0.0.1:{ports['auth']}")
        print(f"  {'CalDAV server':<15} {caldav.url}  (Radicale; web UI at {caldav.url}.web/)")
        print(f"  Demo calendar: {radicale_server.DEMO_USER} / {radicale_server.DEMO_PASSWORD}")
        print(f"  Demo admin: {demo_data.ADMIN_EMAIL} / {demo_data.ADMIN_PASSWORD}\n", flush=True)
        try:
            print(demo_calendar.connect_demo_calendar(caldav), flush=True)
        except demo_bookings.DemoBookingError as error:
            print(f"Demo calendar not connected: {error}", file=sys.stderr, flush=True)
        try:
            print(demo_bookings.add_demo_bookings(), flush=True)
        except demo_bookings.DemoBookingError as error:  # the stack is still worth using
            print(f"Demo bookings not added: {error}", file=sys.stderr, flush=True)
        try:
            print(demo_waitlist.add_demo_waitlist(), flush=True)
        except demo_bookings.DemoBookingError as error:
            print(f"Demo waitlist not added: {error}", file=sys.stderr, flush=True)
        scheduler = subprocess.Popen(
            [sys.executable, str(stack.ROOT / "scheduled" / "runner.py")], start_new_session=True
        )
        emulators.wait()
    except KeyboardInterrupt:
        pass
    except stack.StackError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("\nStopping the emulators ...", flush=True)
        if scheduler is not None:
            scheduler.terminate()
        caldav.stop()
        stack.stop(emulators)
    return 0


if __name__ == "__main__":
    sys.exit(main())

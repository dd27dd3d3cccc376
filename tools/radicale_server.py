"""A local CalDAV server (Radicale) for calendar sync: `make dev` starts one
with a demo account, and the tests start their own.

Accounts live in a plain htpasswd file beside the calendars; a user's
calendars are made on start, so a fresh server is ready to connect.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-app-password"
DEMO_CALENDARS = ("work", "private")


class RadicaleServer:
    def __init__(self, folder: Path, port: int, users: dict[str, str]) -> None:
        self.folder, self.port, self.users = folder, port, users
        self.process: subprocess.Popen[bytes] | None = None
        self.log = folder / "radicale.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def calendar_url(self, user: str, calendar: str) -> str:
        return f"{self.url}{user}/{calendar}/"

    def start(self, calendars: tuple[str, ...] = DEMO_CALENDARS) -> RadicaleServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        users = self.folder / "users"
        users.write_text("".join(f"{name}:{password}\n" for name, password in self.users.items()))
        command = [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder",
            str(self.folder / "collections"),
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(users),
            "--auth-htpasswd-encryption",
            "plain",
            "--auth-delay",
            "0",
        ]
        output = open(self.log, "ab")  # noqa: SIM115 - lives with the server
        self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while not _open(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Radicale did not start: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)
        for user, password in self.users.items():
            for name in calendars:
                self.make_calendar(user, password, name)
        return self

    def make_calendar(self, user: str, password: str, name: str) -> str:
        import requests

        url = self.calendar_url(user, name)
        body = (
            '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
            f"<D:displayname>{name.capitalize()}</D:displayname></D:prop></D:set></C:mkcalendar>"
        )
        response = requests.request("MKCALENDAR", url, data=body, auth=(user, password), timeout=10)
        if response.status_code not in (201, 405, 409):  # 405/409: there already
            raise RuntimeError(f"MKCALENDAR {url}: {response.status_code} {response.text[:200]}")
        return url

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            if self.process.poll() is None:
                self.process.kill()


def _open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port

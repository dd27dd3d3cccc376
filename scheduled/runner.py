"""Fire the scheduled functions against the local functions emulator.

The emulator never runs scheduled functions by itself. This runner reads
each function's schedule from its own declaration in functions/main.py (no
second list to keep in step) and calls it on that schedule.

    python scheduled/runner.py            run until Ctrl-C
    python scheduled/runner.py --list     print the jobs and their schedules
    python scheduled/runner.py --once NAME  fire one job now
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cronsim import CronSim

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import stack  # noqa: E402

FUNCTIONS_URL = f"http://127.0.0.1:{stack.ports()['functions']}"


@dataclass(frozen=True)
class Job:
    name: str
    region: str
    schedule: str
    timezone: str

    def next_run(self, after: datetime) -> datetime:
        local_after = after.astimezone(ZoneInfo(self.timezone))
        return next(iter(CronSim(cron_expression(self.schedule), local_after))).astimezone(UTC)

    @property
    def url(self) -> str:
        return f"{FUNCTIONS_URL}/{stack.PROJECT_ID}/{self.region}/{self.name}-0"


def cron_expression(schedule: str) -> str:
    """Cloud Scheduler accepts cron and 'every N minutes'; cronsim knows cron."""
    words = schedule.split()
    if len(words) == 3 and words[0] == "every" and words[2].startswith("minute"):
        return f"*/{int(words[1])} * * * *"
    if len(words) == 3 and words[0] == "every" and words[2].startswith("hour"):
        return f"0 */{int(words[1])} * * *"
    return schedule


def discover() -> list[Job]:
    """The scheduled functions that functions/main.py exports."""
    sys.path.insert(0, str(ROOT / "functions"))
    import main

    jobs = []
    for name in getattr(main, "__all__", dir(main)):
        endpoint = getattr(getattr(main, name, None), "__firebase_endpoint__", None)
        trigger = getattr(endpoint, "scheduleTrigger", None)
        if trigger:
            region = endpoint.region[0] if endpoint.region else "us-central1"
            jobs.append(Job(name, region, trigger["schedule"], trigger.get("timeZone") or "UTC"))
    return jobs


def fire(job: Job) -> str:
    request = urllib.request.Request(job.url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return f"{response.status}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read()[:200]!r}"
    except OSError as error:
        return f"unreachable ({error})"


def run(jobs: list[Job]) -> None:
    due = {job: job.next_run(datetime.now(UTC)) for job in jobs}
    for job, at in due.items():
        print(f"scheduler: {job.name} '{job.schedule}' ({job.timezone}), next at {at:%H:%M:%S} UTC", flush=True)
    while True:
        job, at = min(due.items(), key=lambda item: item[1])
        time.sleep(max(0.0, (at - datetime.now(UTC)).total_seconds()))
        print(f"scheduler: {job.name} -> {fire(job)}", flush=True)
        due[job] = job.next_run(datetime.now(UTC))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--once", metavar="NAME")
    args = parser.parse_args()
    jobs = discover()
    if args.list:
        for job in jobs:
            print(f"{job.name}\t{job.schedule}\t{job.timezone}")
    elif args.once:
        job = next((j for j in jobs if j.name == args.once), None)
        if job is None:
            sys.exit(f"No scheduled function named {args.once}; known: {', '.join(j.name for j in jobs)}")
        print(fire(job))
    else:
        with contextlib.suppress(KeyboardInterrupt):
            run(jobs)


if __name__ == "__main__":
    main()

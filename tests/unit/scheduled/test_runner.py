"""The local scheduler reads the schedules from the functions themselves."""

from __future__ import annotations

from datetime import UTC, datetime

from scheduled.runner import Job, cron_expression, discover


def test_every_scheduled_function_is_discovered_with_its_own_schedule() -> None:
    jobs = {job.name: job for job in discover()}
    assert jobs["expireHolds"].schedule == "*/10 * * * *"
    assert jobs["expireHolds"].region == "europe-west1"
    assert "createBooking" not in jobs


def test_app_engine_style_schedules_become_cron() -> None:
    assert cron_expression("every 5 minutes") == "*/5 * * * *"
    assert cron_expression("every 2 hours") == "0 */2 * * *"
    assert cron_expression("*/10 * * * *") == "*/10 * * * *"


def test_next_run_follows_the_schedule_in_its_time_zone() -> None:
    job = Job("daily", "europe-west1", "0 9 * * *", "Europe/Amsterdam")
    # 09:00 in Amsterdam is 08:00 UTC in winter and 07:00 UTC in summer.
    assert job.next_run(datetime(2026, 12, 1, 10, tzinfo=UTC)) == datetime(2026, 12, 2, 8, tzinfo=UTC)
    assert job.next_run(datetime(2026, 6, 1, 10, tzinfo=UTC)) == datetime(2026, 6, 2, 7, tzinfo=UTC)


def test_jobs_are_fired_at_the_emulator_url_of_their_region() -> None:
    job = Job("expireHolds", "europe-west1", "*/10 * * * *", "UTC")
    assert job.url.endswith("/demo-booking/europe-west1/expireHolds-0")

"""Subscriptions end to end: plans made by the admin callables, subscribing
through the widget's callables, Stripe Billing's signed events from the
local stand-in to the functions emulator, and the stored data read back
independently (docs/subscriptions.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from tests.emulator.test_admin_access import OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_payments_checkout import session_of
from tests.support.dates import AMSTERDAM, local
from tests.support.emulator import CallableError, call
from tests.support.stripe_stub import STUB

PRICE = 2500


def next_tuesday(after_days: int = 2) -> date:
    day = datetime.now(AMSTERDAM).date() + timedelta(days=after_days)
    while day.weekday() != 1:
        day += timedelta(days=1)
    return day


def weekly_plan(price: int = PRICE) -> dict[str, Any]:
    return admin_call(
        "adminSavePlan",
        {"siteId": "demo", "name": "Weekly cut", "frequency": "weekly", "priceCents": price, "serviceId": "haircut"},
    )


def subscribe(plan_id: str, day: date, hour: int = 10, email: str = "ada@example.com") -> dict[str, Any]:
    return call(
        "subscribe",
        {
            "siteId": "demo",
            "planId": plan_id,
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(day, hour),
            "customer": {"name": "Ada Lovelace", "email": email},
        },
        ip="203.0.113.71",
    )


def deliver(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for event in events:
        response = STUB.deliver(event)
        assert response.status_code == 200, response.text
    return events


def paid(db: Any, plan_id: str, day: date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    made = subscribe(plan_id, day)
    return made, deliver(STUB.billing.pay(session_of(made)))


def booking(db: Any, booking_id: str) -> dict[str, Any] | None:
    snapshot = db.document(f"sites/demo/bookings/{booking_id}").get()
    return snapshot.to_dict() if snapshot.exists else None


def subscription(db: Any, subscription_id: str) -> dict[str, Any]:
    return db.document(f"sites/demo/subscriptions/{subscription_id}").get().to_dict()


def mails(db: Any, subscription_id: str) -> list[str]:
    """The kinds of the subscription's own e-mails in the outbox, in id order."""
    docs = db.collection("sites/demo/outbox").stream()
    return sorted(doc.to_dict()["kind"] for doc in docs if doc.id.startswith(f"{subscription_id}-subscri"))


def stripe_id(made: dict[str, Any]) -> str:
    return str(STUB.sessions[session_of(made)]["subscription"])


def test_subscribing_holds_the_first_appointment_and_payment_books_the_first_periods(demo: Any) -> None:
    plan = weekly_plan()
    day = next_tuesday()
    made = subscribe(plan["planId"], day)
    assert made["status"] == "pending_payment"
    assert made["recurrence"] == {"frequency": "weekly", "day": 1, "time": "10:00", "perPeriod": 1}
    params = STUB.session_params(session_of(made))
    assert params["mode"] == "subscription"
    assert params["subscription_data"]["metadata"]["subscriptionId"] == made["subscriptionId"]
    held = booking(demo, made["bookingId"])
    assert held is not None
    assert held["status"] == "pending_payment"
    assert held["holdExpiresAt"] - held["createdAt"] == timedelta(minutes=30)

    deliver(STUB.billing.pay(session_of(made)))

    sub = subscription(demo, made["subscriptionId"])
    assert sub["state"] == "active"
    assert sub["stripeSubscriptionId"] == stripe_id(made)
    first, second = booking(demo, f"{made['subscriptionId']}-p0-0"), booking(demo, f"{made['subscriptionId']}-p1-0")
    assert first is not None
    assert second is not None
    assert first["status"] == second["status"] == "confirmed"
    assert second["start"] - first["start"] == timedelta(weeks=1)
    assert (second["staffId"], second["serviceId"], second["source"]) == ("anna", "haircut", "subscription")
    invoice = STUB.billing.invoices[sub["paidInvoices"][0]]
    record = demo.document(f"sites/demo/payments/subscription-{invoice['id']}").get().to_dict()
    assert (record["kind"], record["amountCents"], record["status"]) == ("subscription", PRICE, "succeeded")
    assert record["subscriptionId"] == made["subscriptionId"]
    assert mails(demo, made["subscriptionId"]) == ["subscribed"]


def test_invoice_paid_for_the_next_period_books_that_periods_appointments(demo: Any) -> None:
    made, _ = paid(demo, weekly_plan()["planId"], next_tuesday())
    sub_id = made["subscriptionId"]
    assert booking(demo, f"{sub_id}-p2-0") is None

    deliver(STUB.billing.renew(stripe_id(made)))

    third = booking(demo, f"{sub_id}-p2-0")
    assert third is not None
    assert third["status"] == "confirmed"
    assert len(subscription(demo, sub_id)["paidInvoices"]) == 2


def test_an_occurrence_that_is_not_free_is_flagged_and_not_double_booked(demo: Any) -> None:
    plan = weekly_plan()
    day = next_tuesday()
    made = subscribe(plan["planId"], day)
    other = admin_call(  # at the desk: beyond the public horizon
        "adminCreateBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "date": (day + timedelta(weeks=1)).isoformat(),
            "time": "10:00",
            "name": "Grace Hopper",
        },
    )
    deliver(STUB.billing.pay(session_of(made)))

    sub = subscription(demo, made["subscriptionId"])
    assert [conflict["key"] for conflict in sub["conflicts"]] == ["p1-0"]
    assert booking(demo, f"{made['subscriptionId']}-p1-0") is None
    assert mails(demo, made["subscriptionId"]) == ["subscribed", "subscription_not_free"]
    others = [b for b in site_state(demo)["bookings"].values() if b["customer"]["name"] == "Grace Hopper"]
    assert [b["status"] for b in others] == ["confirmed"]
    assert other["staffId"] == "anna"
    [found] = [p for p in admin_call("adminListSubscriptions", {"siteId": "demo"})["plans"] if p["subscribers"]]
    listed = found["subscribers"][0]
    assert listed["conflicts"] == [{"start": local(day + timedelta(weeks=1), 10)}]


def test_a_cancel_keeps_the_paid_period_and_releases_the_rest_when_it_ends(demo: Any) -> None:
    made, _ = paid(demo, weekly_plan()["planId"], next_tuesday())
    sub_id = made["subscriptionId"]
    cancelled = call(
        "cancelSubscription",
        {"siteId": "demo", "bookingId": made["bookingId"], "token": made["manageToken"]},
        ip="203.0.113.73",
    )
    assert cancelled["state"] == "cancelling"
    notice = demo.document(f"sites/demo/outbox/{sub_id}-subscription_cancelling").get().to_dict()
    assert "Your subscription runs until" in notice["text"]
    assert "23:59" in notice["text"]  # the last minute of the paid period's last day
    assert STUB.billing.subscriptions[stripe_id(made)]["cancel_at_period_end"] is True
    deliver(STUB.billing.updated(stripe_id(made)))
    assert subscription(demo, sub_id)["state"] == "cancelling"
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "confirmed"  # not released before the end

    deliver(STUB.billing.end(stripe_id(made)))

    assert subscription(demo, sub_id)["state"] == "ended"
    assert booking(demo, f"{sub_id}-p0-0")["status"] == "confirmed"
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "cancelled"
    assert mails(demo, sub_id) == ["subscribed", "subscription_cancelling", "subscription_ended"]


def test_a_failed_payment_releases_future_appointments_only_after_the_final_retry(demo: Any) -> None:
    made, _ = paid(demo, weekly_plan()["planId"], next_tuesday())
    sub_id = made["subscriptionId"]

    deliver(STUB.billing.fail_renewal(stripe_id(made), final=False))
    assert subscription(demo, sub_id)["state"] == "past_due"
    assert mails(demo, sub_id) == ["subscribed", "subscription_payment_failed"]
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "confirmed"

    deliver(STUB.billing.fail_renewal(stripe_id(made), final=True))
    assert subscription(demo, sub_id)["state"] == "ended"
    assert booking(demo, f"{sub_id}-p0-0")["status"] == "confirmed"
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "cancelled"
    assert mails(demo, sub_id) == ["subscribed", "subscription_ended", "subscription_payment_failed"]


def site_state(db: Any) -> dict[str, Any]:
    """Everything the events can change, read straight from Firestore."""
    state = {}
    for name in ("bookings", "subscriptions", "payments", "locks", "outbox"):
        state[name] = {doc.id: doc.to_dict() for doc in db.collection(f"sites/demo/{name}").stream()}
    return state


def test_replaying_every_webhook_three_times_changes_nothing_further(demo: Any) -> None:
    made = subscribe(weekly_plan()["planId"], next_tuesday())
    events = STUB.billing.pay(session_of(made))
    sub = stripe_id(made)
    events += STUB.billing.renew(sub)
    events += STUB.billing.fail_renewal(sub, final=False)
    events += STUB.billing.renew(sub)
    STUB.billing.subscriptions[sub]["cancel_at_period_end"] = True
    events += STUB.billing.updated(sub)
    events += STUB.billing.end(sub)
    deliver(events)
    before = site_state(demo)
    assert subscription(demo, made["subscriptionId"])["state"] == "ended"

    for _ in range(3):
        deliver(events)

    assert site_state(demo) == before


def test_a_price_change_makes_a_new_price_and_subscribers_keep_theirs(demo: Any) -> None:
    plan = weekly_plan()
    made, _ = paid(demo, plan["planId"], next_tuesday())
    first_price = demo.document(f"sites/demo/subscriptionPlans/{plan['planId']}").get().to_dict()["stripePriceId"]

    changed = admin_call(
        "adminSavePlan",
        {
            "siteId": "demo",
            "planId": plan["planId"],
            "name": "Weekly cut",
            "frequency": "weekly",
            "priceCents": 2900,
            "serviceId": "haircut",
        },
    )

    assert changed["priceCents"] == 2900
    stored = demo.document(f"sites/demo/subscriptionPlans/{plan['planId']}").get().to_dict()
    assert stored["stripePriceId"] != first_price
    assert STUB.billing.prices[first_price]["unit_amount"] == PRICE
    assert STUB.billing.subscriptions[stripe_id(made)]["items"]["data"][0]["price"]["id"] == first_price
    assert subscription(demo, made["subscriptionId"])["priceId"] == first_price


def test_the_admin_lists_plans_with_subscribers_state_and_next_billing_date(demo: Any) -> None:
    plan = weekly_plan()
    made, _ = paid(demo, plan["planId"], next_tuesday())
    listing = admin_call("adminListSubscriptions", {"siteId": "demo"})
    [found] = [p for p in listing["plans"] if p["planId"] == plan["planId"]]
    [subscriber] = found["subscribers"]
    assert (subscriber["subscriptionId"], subscriber["state"]) == (made["subscriptionId"], "active")
    assert subscriber["nextBillingAt"] is not None
    assert subscriber["customer"] == {"name": "Ada Lovelace", "email": "ada@example.com"}


def test_archiving_a_plan_refuses_new_subscribers(demo: Any) -> None:
    plan = weekly_plan()
    admin_call("adminArchivePlan", {"siteId": "demo", "planId": plan["planId"]})
    with pytest.raises(CallableError) as refused:
        subscribe(plan["planId"], next_tuesday())
    assert refused.value.status == "NOT_FOUND"
    assert list(demo.collection("sites/demo/subscriptions").stream()) == []


def plan_ids(db: Any) -> list[str]:
    return sorted(doc.id for doc in db.collection("sites/demo/subscriptionPlans").stream())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("adminListSubscriptions", {"siteId": "demo"}),
        (
            "adminSavePlan",
            {"siteId": "demo", "name": "X", "frequency": "weekly", "priceCents": 900, "serviceId": "haircut"},
        ),
        ("adminArchivePlan", {"siteId": "demo", "planId": "plan-x"}),
        ("adminCancelSubscription", {"siteId": "demo", "subscriptionId": "sub-x"}),
    ],
)
def test_subscription_admin_callables_refuse_another_sites_admin(demo: Any, name: str, data: Any) -> None:
    before = plan_ids(demo)
    assert admin_error(name, data, auth=OTHER_ADMIN_TOKEN).status == "PERMISSION_DENIED"
    assert admin_error(name, data, auth=None).status == "UNAUTHENTICATED"
    assert plan_ids(demo) == before


def test_a_bad_plan_names_the_field_and_writes_nothing(demo: Any) -> None:
    data = {"siteId": "demo", "name": "X", "frequency": "yearly", "priceCents": 900, "serviceId": "haircut"}
    before = plan_ids(demo)
    assert "frequency" in admin_error("adminSavePlan", data).message
    assert plan_ids(demo) == before


def test_the_widget_gets_the_open_plans_of_the_site(demo: Any) -> None:
    plan = weekly_plan()
    archived = weekly_plan(price=1900)
    admin_call("adminArchivePlan", {"siteId": "demo", "planId": archived["planId"]})
    plans = call("getPlans", {"siteId": "demo"}, ip="203.0.113.74")["plans"]
    listed = {p["planId"]: p for p in plans}
    assert plan["planId"] in listed
    assert archived["planId"] not in listed
    assert listed[plan["planId"]]["serviceId"] == "haircut"
    assert "monthly-haircut" in listed  # the demo's plan


def fire_roll_forward() -> None:
    from scheduled.runner import discover, fire

    assert fire(next(job for job in discover() if job.name == "rollForwardSubscriptions")) == "200"


def test_an_unpaid_subscription_ends_when_its_checkout_has_run_out(demo: Any) -> None:
    made = subscribe(weekly_plan()["planId"], next_tuesday())
    ref = demo.document(f"sites/demo/subscriptions/{made['subscriptionId']}")
    fire_roll_forward()
    assert subscription(demo, made["subscriptionId"])["state"] == "pending"  # its Checkout still runs

    long_ago = datetime.now(AMSTERDAM) - timedelta(minutes=40)
    ref.update({"createdAt": long_ago, "nextCheckAt": long_ago + timedelta(minutes=35)})
    fire_roll_forward()

    assert subscription(demo, made["subscriptionId"])["state"] == "ended"
    assert subscription(demo, made["subscriptionId"])["nextCheckAt"] is None


def test_the_roll_forward_ends_a_cancelled_plan_once_its_paid_period_is_over(demo: Any) -> None:
    made, _ = paid(demo, weekly_plan()["planId"], next_tuesday())
    sub_id = made["subscriptionId"]
    call("cancelSubscription", {"siteId": "demo", "bookingId": made["bookingId"], "token": made["manageToken"]})
    fire_roll_forward()
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "confirmed"  # the period is not over yet

    # The first appointment was three weeks ago: its paid week is over (Stripe's deletion not needed).
    ref = demo.document(f"sites/demo/subscriptions/{sub_id}")
    anchor = (datetime.now(AMSTERDAM) - timedelta(weeks=3)).date()
    yesterday = datetime.now(AMSTERDAM) - timedelta(days=1)
    ref.update({"recurrence.anchorDate": anchor.isoformat(), "nextCheckAt": yesterday})
    fire_roll_forward()

    assert subscription(demo, sub_id)["state"] == "ended"
    assert booking(demo, f"{sub_id}-p1-0")["status"] == "cancelled"
    assert mails(demo, sub_id) == ["subscribed", "subscription_cancelling", "subscription_ended"]


def test_without_a_stripe_key_the_demo_plan_subscribes_through_the_development_checkout(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from booking.domain.booking import Customer
    from booking.services.subscriptions import dev_checkout
    from booking.services.subscriptions import subscribe as subscribing

    monkeypatch.setenv("STRIPE_SECRET_KEY", "")
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    now = datetime.now(AMSTERDAM)
    request = subscribing.SubscribeRequest(
        site_id="demo",
        plan_id="monthly-haircut",
        branch_id="centrum",
        staff_id="anna",
        start=datetime.fromisoformat(local(next_tuesday(), 11)),
        customer=Customer("Ada Lovelace", "ada@example.com"),
    )
    made = subscribing.subscribe(request, now)
    url = urlsplit(made.checkout_url)
    assert url.path == "/payment/dev-checkout"
    assert parse_qs(url.query)["subscription"] == [made.subscription.id]
    assert made.subscription.mode == "dev"

    token = parse_qs(url.fragment)["manage"][0]
    active = dev_checkout.complete_dev_subscription("demo", made.booking.id, token, now)

    assert active.state.value == "active"
    assert booking(demo, made.booking.id)["status"] == "confirmed"
    next_month = f"{made.subscription.id}-p1-0"  # booked, or flagged if that day is closed
    assert next_month in active.booking_ids or [c.key for c in active.conflicts] == ["p1-0"]
    assert demo.document(f"sites/demo/payments/subscription-in_dev_{made.subscription.id}_0").get().exists

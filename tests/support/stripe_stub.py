"""A local stand-in for the parts of the Stripe API the payment code calls,
plus a tiny hosted "Checkout" page and correctly signed webhook deliveries.

The real `stripe` SDK talks to it through `STRIPE_API_BASE`. Importing this
module starts the server (on a free port) and puts the base URL and obviously
fake keys into the environment; the emulator suite, started later by the
session fixture, hands that environment to the functions runtime, and the
in-process use-case tests read it directly. So any test module that imports
this one gets the whole stack pointed at the stand-in.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import itertools
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests

from tests.support.emulator import FUNCTIONS_URL
from tests.support.stripe_billing import Billing

API_KEY = "sk_test_local"
WEBHOOK_SECRET = "whsec_local_test_secret"
DECLINED_CARDS = {"pm_card_declined"}
"""Payment methods the stand-in refuses off-session, like Stripe's test cards."""
DECLINED_PRESENT = "4000000000000002"
"""The card number a test reader declines (Stripe's test card for `card_declined`)."""
SIMULATED_CODE = "simulated-wpe"
"""The registration code of Stripe's test-mode simulated reader (WisePOS E)."""


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's bracketed form encoding (`a[b][0][c]=x`, `a[]=x`) to nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        path = [key.split("[", 1)[0], *re.findall(r"\[([^\]]*)\]", key)]
        target = root
        for depth, name in enumerate(path):
            name = name or str(len(target))  # `a[]` appends
            if depth == len(path) - 1:
                target[name] = value
            else:
                target = target.setdefault(name, {})
    return _lists(root)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        if value and all(key.isdigit() for key in value):
            return [_lists(value[key]) for key in sorted(value, key=int)]
        return {key: _lists(item) for key, item in value.items()}
    return value


def signature(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The `Stripe-Signature` header: HMAC-SHA256 over `timestamp.payload`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class Call:
    method: str
    path: str
    params: dict[str, Any]
    idempotency_key: str | None
    account: str | None = None
    """The `Stripe-Account` header: a call made on a connected account."""


@dataclass
class StripeStub:
    server: ThreadingHTTPServer
    webhook_url: str = f"{FUNCTIONS_URL}/stripeWebhook"
    delivery_delay: float = 0.0
    """Seconds between Pay on the hosted page and the webhook deliveries."""
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    readers: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Terminal readers; `status` `offline` makes process_payment_intent fail."""
    calls: list[Call] = field(default_factory=list)
    failing: bool = False
    """Answer every API call with a server error (Stripe unreachable)."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    replies: dict[tuple[str, str], tuple[int, dict[str, Any]]] = field(default_factory=dict)
    counter: itertools.count[int] = field(default_factory=itertools.count)
    gates: dict[tuple[str, str], threading.Event] = field(default_factory=dict)
    """Requests (method, path) held unanswered until their event is set."""
    billing: Any = None
    """Products, Prices, Subscriptions and Invoices (`stripe_billing.Billing`)."""

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.counter):06d}{os.urandom(4).hex()}"

    def requests_to(self, method: str, path: str) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if call.method == method and call.path.startswith(path)]

    def session_params(self, session_id: str) -> dict[str, Any]:
        return dict(self.sessions[session_id]["_params"])

    @contextmanager
    def holding(self, method: str, path: str) -> Iterator[None]:
        """Requests to `path` wait for their answer until the block ends, as a
        slow Stripe would keep them: a call in flight, for as long as a test needs."""
        gate = threading.Event()
        self.gates[(method, path)] = gate
        try:
            yield
        finally:
            del self.gates[(method, path)]
            gate.set()

    # --- what a client does on the hosted page --------------------------------

    def pay(self, session_id: str, card: str = "pm_card_visa") -> list[dict[str, Any]]:
        """Complete a session as a paying client would; returns Stripe's events."""
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] != "open":
                raise AssertionError(f"session {session_id} is {session['status']}")
            params = session["_params"]
            intent_data = params.get("payment_intent_data") or {}
            customer = self.new_id("cus")
            method = f"{card}_{os.urandom(3).hex()}" if card == "pm_card_visa" else card
            intent = {
                "id": self.new_id("pi"),
                "object": "payment_intent",
                "amount": session["amount_total"],
                "amount_received": session["amount_total"],
                "currency": session["currency"],
                "customer": customer,
                "payment_method": method,
                "status": "succeeded",
                "setup_future_usage": intent_data.get("setup_future_usage"),
                "transfer_data": intent_data.get("transfer_data"),
                "metadata": intent_data.get("metadata") or {},
            }
            self.intents[intent["id"]] = intent
            session.update(status="complete", payment_status="paid", payment_intent=intent["id"], customer=customer)
            charge = {"id": self.new_id("ch"), "object": "charge", "payment_intent": intent["id"], "metadata": {}}
            return [
                self.event("checkout.session.completed", self.public(session)),
                self.event("payment_intent.succeeded", dict(intent)),
                self.event("charge.succeeded", charge),
            ]

    def event(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.new_id("evt"),
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {"object": obj},
        }

    def deliver(self, event: dict[str, Any], secret: str = WEBHOOK_SECRET, **kwargs: Any) -> requests.Response:
        """POST an event to the webhook endpoint, signed as Stripe signs it."""
        payload = json.dumps(event)
        header = signature(payload, secret, kwargs.pop("timestamp", None))
        return requests.post(
            self.webhook_url,
            data=payload.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
            timeout=60,
        )

    # --- what happens at a Terminal reader ------------------------------------

    def present(self, reader_id: str, number: str = "4242424242424242") -> list[dict[str, Any]]:
        """A card tapped on the reader: the PaymentIntent in its action
        succeeds, or fails for the declining test card; returns the events."""
        with self.lock:
            reader = self.readers[reader_id]
            action = reader["action"]
            intent = self.intents[action["process_payment_intent"]["payment_intent"]]
            if number == DECLINED_PRESENT:
                action.update(status="failed", failure_code="card_declined", failure_message="Your card was declined.")
                intent["status"] = "requires_payment_method"
                intent["last_payment_error"] = {"code": "card_declined", "type": "card_error"}
                return [
                    self.event("payment_intent.payment_failed", self.public(intent)),
                    self.event("terminal.reader.action_failed", self.public(reader)),
                ]
            action["status"] = "succeeded"
            intent.update(status="succeeded", amount_received=intent["amount"], payment_method=self.new_id("pm"))
            return [
                self.event("payment_intent.succeeded", self.public(intent)),
                self.event("terminal.reader.action_succeeded", self.public(reader)),
            ]

    def cancel_at_reader(self, reader_id: str) -> None:
        """The client pressed cancel on the reader (no PaymentIntent event follows)."""
        with self.lock:
            action = self.readers[reader_id]["action"]
            action.update(status="failed", failure_code="customer_canceled", failure_message="Cancelled on the reader")

    @staticmethod
    def public(obj: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in obj.items() if not key.startswith("_")}

    # --- the API ---------------------------------------------------------------

    def handle(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        routes: list[tuple[str, str, Callable[..., tuple[int, dict[str, Any]]]]] = [
            ("POST", r"/v1/checkout/sessions", self.create_session),
            ("GET", r"/v1/checkout/sessions/([^/]+)", self.get_session),
            ("POST", r"/v1/checkout/sessions/([^/]+)/expire", self.expire_session),
            ("POST", r"/v1/payment_intents", self.create_intent),
            ("GET", r"/v1/payment_intents/([^/]+)", self.get_intent),
            ("POST", r"/v1/terminal/readers", self.create_reader),
            ("GET", r"/v1/terminal/readers/([^/]+)", self.get_reader),
            ("POST", r"/v1/terminal/readers/([^/]+)/process_payment_intent", self.process_payment_intent),
            ("POST", r"/v1/terminal/readers/([^/]+)/cancel_action", self.cancel_action),
            ("POST", r"/v1/test_helpers/terminal/readers/([^/]+)/present_payment_method", self.present_route),
            ("POST", r"/v1/refunds", self.create_refund),
            ("POST", r"/v1/accounts", self.create_account),
            ("GET", r"/v1/accounts/([^/]+)", self.get_account),
            ("POST", r"/v1/account_links", self.create_account_link),
            *self.billing.routes(),
        ]
        for verb, pattern, route in routes:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return route(params, *match.groups())
        return 404, error("invalid_request_error", f"Unrecognized request URL ({method}: {path})")

    def create_session(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if params.get("mode") == "subscription":
            return self.billing.create_session(params)  # type: ignore[no-any-return]
        item = params["line_items"][0]
        session_id = self.new_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.base}/checkout/{session_id}",
            "mode": params.get("mode"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1)),
            "currency": item["price_data"]["currency"],
            "customer": None,
            "customer_email": params.get("customer_email"),
            "payment_intent": None,
            "metadata": params.get("metadata") or {},
            "client_reference_id": params.get("client_reference_id"),
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "expires_at": int(params.get("expires_at", 0)),
            "_params": params,
        }
        self.sessions[session_id] = session
        return 200, self.public(session)

    def get_session(self, params: dict[str, Any], session_id: str) -> tuple[int, dict[str, Any]]:
        if session_id not in self.sessions:
            return 404, error("invalid_request_error", f"No such checkout.session: '{session_id}'")
        session = self.public(self.sessions[session_id])
        if "payment_intent" in (params.get("expand") or []) and session["payment_intent"]:
            session["payment_intent"] = dict(self.intents[session["payment_intent"]])
        return 200, session

    def expire_session(self, params: dict[str, Any], session_id: str) -> tuple[int, dict[str, Any]]:
        session = self.sessions.get(session_id)
        if session is None or session["status"] != "open":
            state = session["status"] if session else "missing"
            return 400, error("invalid_request_error", f"Only open sessions can be expired (this one is {state})")
        session["status"] = "expired"
        return 200, self.public(session)

    def create_intent(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        intent = {
            "id": self.new_id("pi"),
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "currency": params["currency"],
            "customer": params.get("customer"),
            "payment_method": params.get("payment_method"),
            "metadata": params.get("metadata") or {},
            "status": "succeeded",
            "_params": params,
        }
        if "card_present" in (params.get("payment_method_types") or []):
            intent.update(status="requires_payment_method", payment_method_types=["card_present"])
            self.intents[intent["id"]] = intent
            return 200, self.public(intent)
        if params.get("payment_method") in DECLINED_CARDS:
            intent["status"] = "requires_payment_method"
            self.intents[intent["id"]] = intent
            body = error("card_error", "Your card was declined.", code="card_declined")
            body["error"]["payment_intent"] = self.public(intent)
            return 402, body
        intent["amount_received"] = intent["amount"]
        self.intents[intent["id"]] = intent
        return 200, self.public(intent)

    def get_intent(self, params: dict[str, Any], intent_id: str) -> tuple[int, dict[str, Any]]:
        if intent_id not in self.intents:
            return 404, error("invalid_request_error", f"No such payment_intent: '{intent_id}'")
        return 200, self.public(self.intents[intent_id])

    def create_reader(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        code = params.get("registration_code")
        if code != SIMULATED_CODE:
            return 400, error("invalid_request_error", "The registration code is invalid or has expired.")
        reader = {
            "id": self.new_id("tmr"),
            "object": "terminal.reader",
            "label": params.get("label") or "Reader",
            "location": params.get("location"),
            "device_type": "simulated_wisepos_e",
            "status": "online",
            "action": None,
        }
        self.readers[reader["id"]] = reader
        return 200, dict(reader)

    def get_reader(self, params: dict[str, Any], reader_id: str) -> tuple[int, dict[str, Any]]:
        if reader_id not in self.readers:
            return 404, error("invalid_request_error", f"No such terminal.reader: '{reader_id}'")
        return 200, json.loads(json.dumps(self.readers[reader_id]))

    def process_payment_intent(self, params: dict[str, Any], reader_id: str) -> tuple[int, dict[str, Any]]:
        reader = self.readers.get(reader_id)
        if reader is None:
            return 404, error("invalid_request_error", f"No such terminal.reader: '{reader_id}'")
        if reader["status"] != "online":
            return 400, error("invalid_request_error", "Reader is currently offline", code="terminal_reader_offline")
        if (reader["action"] or {}).get("status") == "in_progress":
            return 400, error("invalid_request_error", "Reader is busy", code="terminal_reader_busy")
        if params.get("payment_intent") not in self.intents:
            return 400, error("invalid_request_error", "No such payment_intent")
        reader["action"] = {
            "type": "process_payment_intent",
            "status": "in_progress",
            "process_payment_intent": {"payment_intent": params["payment_intent"]},
            "failure_code": None,
            "failure_message": None,
        }
        return 200, json.loads(json.dumps(reader))

    def cancel_action(self, params: dict[str, Any], reader_id: str) -> tuple[int, dict[str, Any]]:
        reader = self.readers.get(reader_id)
        if reader is None:
            return 404, error("invalid_request_error", f"No such terminal.reader: '{reader_id}'")
        reader["action"] = None
        return 200, json.loads(json.dumps(reader))

    def present_route(self, params: dict[str, Any], reader_id: str) -> tuple[int, dict[str, Any]]:
        reader = self.readers.get(reader_id)
        if reader is None or (reader["action"] or {}).get("status") != "in_progress":
            return 400, error("invalid_request_error", "The reader has no payment in progress")
        number = (params.get("card_present") or {}).get("number") or "4242424242424242"
        events = self.present(reader_id, number)
        threading.Thread(target=_deliver_later, args=(self, events), daemon=True).start()
        return 200, json.loads(json.dumps(reader))

    def create_refund(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None:
            return 400, error("invalid_request_error", "No such payment_intent")
        amount = int(params.get("amount") or intent["amount"])
        refund = {"id": self.new_id("re"), "object": "refund", "amount": amount, "status": "succeeded"}
        refund.update(payment_intent=intent["id"], currency=intent["currency"], _params=params)
        self.refunds[refund["id"]] = refund
        return 200, self.public(refund)

    def create_account(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        account = {
            "id": self.new_id("acct"),
            "object": "account",
            "type": params.get("type"),
            "charges_enabled": False,
            "details_submitted": False,
            "metadata": params.get("metadata") or {},
        }
        self.accounts[account["id"]] = account
        return 200, dict(account)

    def get_account(self, params: dict[str, Any], account_id: str) -> tuple[int, dict[str, Any]]:
        if account_id not in self.accounts:
            return 404, error("invalid_request_error", f"No such account: '{account_id}'")
        return 200, dict(self.accounts[account_id])

    def create_account_link(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if params.get("account") not in self.accounts:
            return 400, error("invalid_request_error", "No such account")
        url = f"{self.base}/connect/onboarding/{params['account']}"
        return 200, {"object": "account_link", "url": url, "expires_at": int(time.time()) + 300}


def error(kind: str, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message, **({"code": code} if code else {})}}


class Handler(BaseHTTPRequestHandler):
    stub: StripeStub

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests assert on recorded calls instead."""

    def _reply(self, status: int, body: dict[str, Any] | str, content_type: str = "application/json") -> None:
        data = (json.dumps(body) if isinstance(body, dict) else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_{os.urandom(6).hex()}")
        self.end_headers()
        self.wfile.write(data)

    def _api(self, method: str) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        pairs = parse_qsl(body if method == "POST" else url.query, keep_blank_values=True)
        if self.headers.get("Authorization") != f"Bearer {API_KEY}":
            return self._reply(401, error("invalid_request_error", "Invalid API Key provided"))
        stub = self.stub
        key = self.headers.get("Idempotency-Key")
        gate = stub.gates.get((method, url.path))
        if gate is not None:
            gate.wait(timeout=60)
        with stub.lock:
            params = decode_form(pairs)
            stub.calls.append(Call(method, url.path, params, key, self.headers.get("Stripe-Account")))
            if stub.failing:
                return self._reply(500, error("api_error", "The stand-in is down"))
            if key and (url.path, key) in stub.replies:
                return self._reply(*stub.replies[(url.path, key)])
            status, reply = stub.handle(method, url.path, params)
            if key and method == "POST":
                stub.replies[(url.path, key)] = (status, reply)
        self._reply(status, reply)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/checkout/"):
            session = self.stub.sessions.get(path.removeprefix("/checkout/"))
            if session is None:
                return self._reply(404, "No such session", "text/plain")
            return self._reply(200, checkout_page(session), "text/html; charset=utf-8")
        self._api("GET")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        match = re.fullmatch(r"/checkout/([^/]+)/pay", path)
        if not match:
            return self._api("POST")
        stub = self.stub
        session = stub.sessions[match.group(1)]
        subscribing = session.get("mode") == "subscription"
        events = stub.billing.pay(session["id"]) if subscribing else stub.pay(session["id"])
        deliveries = threading.Thread(target=_deliver_later, args=(stub, events), daemon=True)
        deliveries.start()
        if not stub.delivery_delay:
            deliveries.join()
        self.send_response(303)
        self.send_header("Location", session["success_url"])
        self.send_header("Content-Length", "0")
        self.end_headers()


def _deliver_later(stub: StripeStub, events: list[dict[str, Any]]) -> None:
    time.sleep(stub.delivery_delay)
    for event in events:
        stub.deliver(event)


def checkout_page(session: dict[str, Any]) -> str:
    amount = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
    name = session.get("_name") or session["_params"]["line_items"][0]["price_data"]["product_data"]["name"]
    state = session["status"]
    button = (
        f'<form method="post" action="/checkout/{session["id"]}/pay"><button type="submit">Pay {amount}</button></form>'
        if state == "open"
        else f"<p>This Checkout Session is {state}.</p>"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Checkout stand-in</title></head>"
        f"<body><main data-state='{state}'><h1>{html.escape(name)}</h1><p>{amount}</p>{button}"
        f"<p><a href='{html.escape(session['cancel_url'])}'>Back</a></p></main></body></html>"
    )


def start() -> StripeStub:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    stub = StripeStub(server)
    stub.billing = Billing(stub)
    Handler.stub = stub
    threading.Thread(target=server.serve_forever, name="stripe-stub", daemon=True).start()
    return stub


def _refuse_real_secrets() -> None:
    """The emulator prefers functions/.secret.local over the environment; with
    real Stripe values there the stand-in would see the wrong key and secret."""
    local = Path(__file__).resolve().parents[2] / "functions" / ".secret.local"
    names = {line.split("=", 1)[0].strip() for line in local.read_text().splitlines()} if local.exists() else set()
    if names & {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"}:
        raise RuntimeError(
            "functions/.secret.local sets Stripe secrets, which override the tests' fake ones in the "
            "emulator: move the file aside while running the tests (see docs/payments.md)."
        )


_refuse_real_secrets()
STUB = start()
os.environ["STRIPE_API_BASE"] = STUB.base
os.environ["STRIPE_SECRET_KEY"] = API_KEY
os.environ["STRIPE_WEBHOOK_SECRET"] = WEBHOOK_SECRET

"""Instance start-up, and callables that have it done in time.

Every instance needs the default Firebase Admin app before its first
request: the callable runtime verifies callers' ID tokens with it. `start`
is registered with the SDK's `init` hook, which runs it once, before the
first handler of any kind runs. For a callable that is too late: the SDK
checks the caller's ID token before it runs the hook, and a token it cannot
check makes the call `unauthenticated`. So every callable is declared with
`on_call` below, which runs `start` before the SDK sees the request.
Importing this module does no work, so deploys and cold starts stay quick.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from firebase_functions import https_fn
from firebase_functions.core import init
from flask import Request

from booking.adapters import firebase_auth

Handler = TypeVar("Handler", bound=Callable[..., Any])


def start() -> None:
    """What an instance needs before its first request; free once done."""
    firebase_auth.default_app()


init(start)


def on_call(**options: Any) -> Callable[[Handler], Handler]:
    """`https_fn.on_call` with the same options, whose endpoint runs `start`
    before the SDK verifies the caller's ID token."""

    def declare(handler: Handler) -> Handler:
        # Typed by the SDK as the handler, the endpoint takes the raw request.
        endpoint = cast(Callable[[Request], Any], https_fn.on_call(**options)(handler))

        @functools.wraps(endpoint)
        def started(request: Request) -> Any:
            start()
            return endpoint(request)

        return cast(Handler, started)

    return declare

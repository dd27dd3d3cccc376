"""The one place where domain errors become callable error codes."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from firebase_functions import https_fn

from booking.domain.errors import (
    AccessDenied,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    RateLimited,
    SlotUnavailable,
    Unauthenticated,
)

Code = https_fn.FunctionsErrorCode
CODES: dict[type[DomainError], Code] = {
    InvalidInput: Code.INVALID_ARGUMENT,
    NotFound: Code.NOT_FOUND,
    SlotUnavailable: Code.ALREADY_EXISTS,
    Unauthenticated: Code.UNAUTHENTICATED,
    AccessDenied: Code.PERMISSION_DENIED,
    RateLimited: Code.RESOURCE_EXHAUSTED,
    Conflict: Code.FAILED_PRECONDITION,
}
F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger(__name__)


def to_https_error(error: DomainError) -> https_fn.HttpsError:
    """A refused field also travels as `details: {field, problem}`, so a page
    can put its own sentence beside the input that edits `field`."""
    details = {"field": error.field, "problem": error.problem} if isinstance(error, InvalidInput) else None
    for kind in type(error).__mro__:
        if kind in CODES:
            return https_fn.HttpsError(CODES[kind], error.message, details)
    return https_fn.HttpsError(Code.INTERNAL, "Internal error")


def maps_domain_errors(handler: F) -> F:
    """Turn domain errors into their codes; anything else is logged as a bug."""

    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except DomainError as error:
            raise to_https_error(error) from error

    return wrapper  # type: ignore[return-value]

"""Each domain error reaches the caller as one callable code, message intact."""

from __future__ import annotations

from typing import Any

import pytest
from firebase_functions import https_fn

from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.api.errors import maps_domain_errors, to_https_error
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
from booking.services.staff.login import NotAccepted
from booking.services.staff.session import SessionEnded

Code = https_fn.FunctionsErrorCode


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (InvalidInput("siteId", "is required"), Code.INVALID_ARGUMENT, "siteId: is required"),
        (NotFound("Site not found"), Code.NOT_FOUND, "Site not found"),
        (SlotUnavailable(), Code.ALREADY_EXISTS, "Time slot no longer available"),
        (Unauthenticated("Sign in as an admin of this site"), Code.UNAUTHENTICATED, "Sign in as an admin of this site"),
        (AccessDenied("Only available in the emulator"), Code.PERMISSION_DENIED, "Only available in the emulator"),
        (RateLimited("Too many requests"), Code.RESOURCE_EXHAUSTED, "Too many requests"),
        (Conflict("Already cancelled"), Code.FAILED_PRECONDITION, "Already cancelled"),
    ],
)
def test_each_error_has_its_code(error: DomainError, code: Code, message: str) -> None:
    mapped = to_https_error(error)
    assert (mapped.code, mapped.message) == (code, message)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (SessionEnded(), Code.UNAUTHENTICATED),
        (NotAccepted(), Code.PERMISSION_DENIED),
        (PaymentsUnavailable(), Code.FAILED_PRECONDITION),
    ],
)
def test_a_subclass_takes_the_code_of_its_family(error: DomainError, code: Code) -> None:
    assert to_https_error(error).code == code


def test_a_refused_field_travels_with_its_path_and_problem_in_the_details() -> None:
    mapped = to_https_error(InvalidInput("service.durationMinutes", "must be a multiple of 5"))
    assert mapped.details == {"field": "service.durationMinutes", "problem": "must be a multiple of 5"}
    assert mapped._as_dict()["details"] == mapped.details


def test_other_errors_carry_no_details() -> None:
    assert to_https_error(NotFound("Site not found")).details is None


def test_an_ended_staff_session_asks_to_sign_in_again() -> None:
    mapped = to_https_error(SessionEnded())
    assert mapped.message == "Your session has ended, please sign in again"


def test_an_error_outside_the_families_is_internal() -> None:
    mapped = to_https_error(DomainError("details for the log only"))
    assert (mapped.code, mapped.message) == (Code.INTERNAL, "Internal error")


def test_a_handler_raising_a_domain_error_answers_with_its_code() -> None:
    @maps_domain_errors
    def handler(request: Any) -> dict[str, Any]:
        raise Unauthenticated("Sign in as an admin of this site")

    with pytest.raises(https_fn.HttpsError) as raised:
        handler(None)
    assert (raised.value.code, raised.value.message) == (Code.UNAUTHENTICATED, "Sign in as an admin of this site")
    assert isinstance(raised.value.__cause__, Unauthenticated)


def test_other_exceptions_and_results_pass_through() -> None:
    @maps_domain_errors
    def failing(request: Any) -> dict[str, Any]:
        raise KeyError("bug")

    @maps_domain_errors
    def working(request: Any) -> dict[str, Any]:
        return {"ok": request}

    with pytest.raises(KeyError):
        failing(None)
    assert working(1) == {"ok": 1}

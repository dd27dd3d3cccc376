"""Domain errors. The API layer maps each to one callable error code."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: `message` is safe to show to the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """A field of the request is missing or malformed; names the field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(DomainError):
    """An unknown or inactive site, service, branch, staff member or booking."""


class SlotUnavailable(DomainError):
    """The requested time is taken, outside hours or no longer bookable."""

    def __init__(self, message: str = "Time slot no longer available") -> None:
        super().__init__(message)


class Unauthenticated(DomainError):
    """No sign-in, or one that is no longer valid: the caller signs in again."""


class AccessDenied(DomainError):
    """Wrong, used-up or expired token, or a caller without the right role."""


class RateLimited(DomainError):
    """Too many requests from one client in the current window."""


class Conflict(DomainError):
    """The request is valid but the current state forbids it."""

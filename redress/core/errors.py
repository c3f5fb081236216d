"""Errors that services raise and every door (form, API, command) turns into a clear answer."""

from __future__ import annotations


class DomainError(Exception):
    """A request that the rules refuse. `field` names the input at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        # Services pass gettext(...) evaluated at raise time, in the reader's language; str()
        # also fixes a lazy translation passed by mistake to the language active now, so
        # the doors (JSON, forms, logs) always get a plain str.
        message = str(message)
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class TransitionNotAllowed(DomainError):
    """The case is not in a state where this step may be taken."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="transition_not_allowed")


class PermissionDenied(DomainError):
    """The user's role or unit does not cover this step."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="permission_denied")

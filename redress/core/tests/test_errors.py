"""Refusals carry a plain str in the language active when they are raised."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed


def test_a_refusal_is_worded_in_the_language_active_when_raised():
    with translation.override("zh-hans"):
        error = DomainError(gettext("A reason is required."), field="reason", code="required")
    assert error.message == "请填写理由。" == str(error)
    with translation.override("en"):
        error = DomainError(gettext("A reason is required."), field="reason", code="required")
    assert error.message == "A reason is required."
    assert (error.field, error.code) == ("reason", "required")


def test_a_lazy_message_is_fixed_to_a_str_at_raise_time():
    with translation.override("zh-hans"):
        errors = [
            DomainError(gettext_lazy("A reason is required.")),  # type: ignore[arg-type]
            TransitionNotAllowed(gettext_lazy("There is no answer to confirm yet.")),  # type: ignore[arg-type]
            PermissionDenied(gettext_lazy("You may not do this.")),  # type: ignore[arg-type]
        ]
    with translation.override("en"):
        for error in errors:
            assert type(error.message) is str
            assert type(error.args[0]) is str
        assert [error.message for error in errors] == [
            "请填写理由。",
            "尚无可确认的答复。",
            "您无权执行此操作。",
        ]

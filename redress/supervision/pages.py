"""What the letter and action item pages share: the steps offered on an obligation (report
progress, report completion, accept, send back), their forms, and carrying one out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redress.core.errors import DomainError
from redress.orgs.models import User
from redress.supervision.forms import AcceptForm, ReportForm, SendBackForm
from redress.supervision.obligations import (
    ANSWERABLE_STATUSES,
    Obligation,
    ObligationStatus,
    ReportKind,
)

STEP_LABELS = {
    "progress": _("Report progress"),
    "complete": _("Report completion"),
    "accept": _("Accept the completion"),
    "send_back": _("Send back"),
}
STEP_DONE = {
    "progress": _("Progress reported."),
    "complete": _("Completion reported."),
    "accept": _("Completion accepted; closed."),
    "send_back": _("Sent back with your reason."),
}


@dataclass(frozen=True)
class ObligationRules:
    can_answer: Callable[[User, Any], bool]
    can_decide: Callable[[User, Any], bool]
    report: Callable[..., object]  # (actor, obligation, kind, text, files)
    accept: Callable[..., object]  # (actor, obligation, note)
    send_back: Callable[..., object]  # (actor, obligation, reason)


def obligation_steps(user: User, obligation: Obligation, rules: ObligationRules) -> list[str]:
    steps = []
    if obligation.status in ANSWERABLE_STATUSES and rules.can_answer(user, obligation):
        steps += ["progress", "complete"]
    if obligation.status == ObligationStatus.COMPLETION_REPORTED and rules.can_decide(
        user, obligation
    ):
        steps += ["accept", "send_back"]
    return steps


def _form(step: str, data: Any = None, files: Any = None) -> forms.Form:
    if step in ("progress", "complete"):
        return ReportForm(data, files, prefix=step)
    if step == "accept":
        return AcceptForm(data, prefix=step)
    return SendBackForm(data, prefix=step)


def obligation_forms(
    user: User,
    obligation: Obligation,
    rules: ObligationRules,
    failed: tuple[str, forms.Form] | None,
) -> list[tuple[str, str, forms.Form]]:
    """(step, label, form) for each step offered; the failed one keeps its input and errors."""
    return [
        (
            step,
            str(STEP_LABELS[step]),
            failed[1] if failed is not None and failed[0] == step else _form(step),
        )
        for step in obligation_steps(user, obligation, rules)
    ]


def obligation_act(
    request: HttpRequest, user: User, obligation: Obligation, rules: ObligationRules, step: str
) -> tuple[bool, forms.Form | None]:
    """Carry out a step from a posted form: (done, the form with its errors if not)."""
    if step not in STEP_LABELS:
        return False, None
    form = _form(step, request.POST, request.FILES)
    if not form.is_valid():
        return False, form
    data = form.cleaned_data
    try:
        if step in ("progress", "complete"):
            kind = ReportKind.PROGRESS if step == "progress" else ReportKind.COMPLETION
            rules.report(user, obligation, kind, data["text"], data["attachments"])
        elif step == "accept":
            rules.accept(user, obligation, data["note"])
        else:
            rules.send_back(user, obligation, data["reason"])
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False, form
    return True, form

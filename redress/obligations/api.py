"""What the JSON API of letters and of action items share: the report, event and step schemas,
the Idempotency-Key header of creates, one page of a list, and the four step endpoints
(progress, complete, accept, send back) that both register through obligation_step_routes."""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema

from redress.api.auth import request_user
from redress.api.schemas import (
    IDEMPOTENCY_HEADER,
    MAX_ID,
    InputSchema,
    StaffRef,
)
from redress.core.errors import DomainError
from redress.obligations.models import REASON_MAX, TEXT_MAX, ObligationEventKind, ReportKind
from redress.orgs.models import User

ObjectId = Path(..., ge=1, le=MAX_ID)


class ObligationEventOut(Schema):
    id: int
    kind: ObligationEventKind
    at: dt.datetime
    actor: StaffRef | None
    actor_label: str
    from_status: str
    to_status: str
    note: str
    data: dict[str, Any]


class EventPage(Schema):
    items: list[ObligationEventOut]


class ReportOut(Schema):
    id: int
    kind: ReportKind
    text: str
    author: StaffRef | None
    at: dt.datetime
    attachments: int

    @staticmethod
    def resolve_attachments(obj: Any) -> int:
        return len(obj.attachments.all())


class ReportIn(InputSchema):
    text: str = Field(min_length=1, max_length=TEXT_MAX)


class AcceptIn(InputSchema):
    note: str = Field("", max_length=REASON_MAX)


class SendBackIn(InputSchema):
    reason: str = Field(min_length=1, max_length=REASON_MAX)


def idempotency_key_for(user_id: int, header: str, prefix: str) -> str:
    # The client's key scoped to the user and hashed to fit the column.
    digest = hashlib.sha256(header.encode("utf-8")).hexdigest()[:40]
    return f"{prefix}:{user_id}:{digest}"


def require_idempotency_key(value: str | None) -> str:
    if not value:
        raise DomainError(
            _("Send an %(header)s header with every create.") % {"header": IDEMPOTENCY_HEADER},
            field=IDEMPOTENCY_HEADER,
            code="required",
        )
    return value


# The step endpoints --------------------------------------------------------------------------

Getter = Callable[[User, int], Any]
Step = Callable[[User, Any, Any], object]  # (user, obligation, payload)


def _step_endpoint(
    *, module: str, name: str, doc: str | None, id_name: str, body: type, get: Getter, step: Step
) -> Callable[..., Any]:
    """One step endpoint, named and documented as if written in the app's own module: the
    OpenAPI operation id, summary and URL name come from the function's module and name."""

    def endpoint(request: HttpRequest, **values: Any) -> Any:
        user = request_user(request)
        obligation_id = values[id_name]
        step(user, get(user, obligation_id), values["payload"])
        return get(user, obligation_id)

    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__module__ = module
    endpoint.__doc__ = doc
    parameter = inspect.Parameter.POSITIONAL_OR_KEYWORD
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", parameter, annotation=HttpRequest),
            inspect.Parameter("payload", parameter, annotation=body),
            inspect.Parameter(id_name, parameter, default=ObjectId, annotation=int),
        ]
    )
    return endpoint


def obligation_step_routes(
    router: Router,
    *,
    module: str,
    path: str,
    prefix: str,
    response: dict[int, Any],
    get: Getter,
    report: Callable[[User, Any, ReportKind, str], object],
    accept: Callable[[User, Any, str], object],
    send_back: Callable[[User, Any, str], object],
    docs: dict[str, str] | None = None,
) -> None:
    """Register POST {path}/progress, /complete, /accept and /send-back on `router`. `path`
    ends with the id parameter ("/letters/{letter_id}"); the functions are named
    `{prefix}_progress` and so on in `module`; `get(user, id)` is the scoped getter (404), and
    the step callables check the role (403) and the state (409) through the app's services.
    Each answers the obligation as it stands afterwards."""
    docs = docs or {}
    id_name = path.rsplit("{", 1)[1].rstrip("}")
    steps: list[tuple[str, str, type, Step]] = [
        (
            "progress",
            "progress",
            ReportIn,
            lambda user, item, body: report(user, item, ReportKind.PROGRESS, body.text),
        ),
        (
            "complete",
            "complete",
            ReportIn,
            lambda user, item, body: report(user, item, ReportKind.COMPLETION, body.text),
        ),
        ("accept", "accept", AcceptIn, lambda user, item, body: accept(user, item, body.note)),
        (
            "send-back",
            "send_back",
            SendBackIn,
            lambda user, item, body: send_back(user, item, body.reason),
        ),
    ]
    for suffix, step_name, body, step in steps:
        endpoint = _step_endpoint(
            module=module,
            name=f"{prefix}_{step_name}",
            doc=docs.get(step_name),
            id_name=id_name,
            body=body,
            get=get,
            step=step,
        )
        router.post(f"{path}/{suffix}", response=response)(endpoint)

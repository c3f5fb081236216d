"""Writes: filing weekly and major-risk reports, turning a matter into a case, notifications
and the clock pass that chases missing weekly reports."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from redress.cases.models import Case, Category, Channel, Urgency
from redress.cases.services import GrievanceInput, case_submit
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.liaison.models import (
    PEOPLE_AFFECTED_MAX,
    LiaisonPost,
    MajorRiskReport,
    Notification,
    NotificationKind,
    ReportMatter,
    WeeklyReport,
)
from redress.liaison.selectors import area_directors
from redress.liaison.weeks import local_date, week_due_at, week_start_of
from redress.orgs.models import Jurisdiction, Role, User

logger = logging.getLogger(__name__)

MATTERS_MAX = 30
DESCRIPTION_MAX = 2000
PLACE_TEXT_MAX = 200


@dataclass(frozen=True)
class MatterInput:
    category: Category
    place: Jurisdiction
    people_affected: int
    description: str
    place_text: str = ""


def _matter_clean(matter: MatterInput, *, post: LiaisonPost, prefix: str) -> MatterInput:
    description = matter.description.strip()
    if not description:
        raise DomainError(_("Describe the matter."), field=f"{prefix}description", code="required")
    if len(description) > DESCRIPTION_MAX:
        raise DomainError(
            _("The description is longer than %(max)s characters.") % {"max": DESCRIPTION_MAX},
            field=f"{prefix}description",
        )
    place_text = matter.place_text.strip()
    if len(place_text) > PLACE_TEXT_MAX:
        raise DomainError(
            _("The place is longer than %(max)s characters.") % {"max": PLACE_TEXT_MAX},
            field=f"{prefix}place_text",
        )
    if not 1 <= matter.people_affected <= PEOPLE_AFFECTED_MAX:
        raise DomainError(
            _("People affected must be between 1 and 1,000,000."), field=f"{prefix}people_affected"
        )
    if not matter.place.path.startswith(post.area.path):
        raise DomainError(
            _("The place must lie in the post's area."), field=f"{prefix}place", code="not_found"
        )
    if not matter.category.is_active:
        raise DomainError(_("This category is no longer in use."), field=f"{prefix}category")
    return MatterInput(
        category=matter.category,
        place=matter.place,
        people_affected=matter.people_affected,
        description=description,
        place_text=place_text,
    )


def _check_filer(post: LiaisonPost, actor: User, first: dt.date, last: dt.date) -> None:
    """The post's own liaison, for days (a week, or today) when the post was held."""
    if actor.pk != post.user_id or actor.role != Role.LIAISON or not actor.is_active:
        raise PermissionDenied(_("Only the post's liaison files its reports."))
    if post.starts_on > last or (post.ends_on is not None and post.ends_on < first):
        raise DomainError(_("The post was not held then."), field="week_start", code="inactive")


def weekly_report_file(
    *,
    post: LiaisonPost,
    actor: User,
    week_start: dt.date,
    nothing_to_report: bool,
    matters: Sequence[MatterInput],
    idempotency_key: str | None = None,
) -> tuple[WeeklyReport, bool]:
    """File the week's report: some matters, or explicitly nothing to report (one or the
    other). Returns (report, created); a retry with the same key returns the first report."""
    key = (idempotency_key or "").strip() or None
    if key is not None:
        existing = WeeklyReport.objects.filter(idempotency_key=key, post=post).first()
        if existing is not None:
            return existing, False
    now = clock.now()
    if week_start != week_start_of(week_start):
        raise DomainError(_("A week starts on a Monday."), field="week_start")
    if week_start > week_start_of(local_date(now)):
        raise DomainError(_("This week has not begun yet."), field="week_start")
    _check_filer(post, actor, week_start, week_start + dt.timedelta(days=6))
    if nothing_to_report and matters:
        raise DomainError(
            _("Either list matters or say there is nothing to report, not both."),
            field="nothing_to_report",
            code="exclusive",
        )
    if not nothing_to_report and not matters:
        raise DomainError(
            _("List at least one matter, or say there is nothing to report."),
            field="matters",
            code="required",
        )
    if len(matters) > MATTERS_MAX:
        raise DomainError(
            _("At most %(max)s matters in one report.") % {"max": MATTERS_MAX}, field="matters"
        )
    cleaned = [
        _matter_clean(matter, post=post, prefix=f"matters[{index}].")
        for index, matter in enumerate(matters)
    ]
    if WeeklyReport.objects.filter(post=post, week_start=week_start).exists():
        raise DomainError(
            _("This week's report is already filed."), field="week_start", code="duplicate"
        )
    try:
        with transaction.atomic():
            report = WeeklyReport.objects.create(
                post=post,
                week_start=week_start,
                nothing_to_report=nothing_to_report,
                due_at=week_due_at(week_start),
                filed_at=now,
                filed_by=actor,
                idempotency_key=key,
            )
            ReportMatter.objects.bulk_create(
                ReportMatter(report=report, position=index, **matter.__dict__)
                for index, matter in enumerate(cleaned, start=1)
            )
    except IntegrityError:
        # A concurrent retry, or a second filing for the week, won the race.
        existing = WeeklyReport.objects.filter(post=post, week_start=week_start).first()
        if existing is not None and key is not None and existing.idempotency_key == key:
            return existing, False
        raise DomainError(
            _("This week's report is already filed."), field="week_start", code="duplicate"
        ) from None
    return report, True


def _case_input(
    matter: MatterInput | ReportMatter | MajorRiskReport, *, urgent: bool
) -> GrievanceInput:
    prefix = "重大风险即报" if urgent else "信息员报告"
    return GrievanceInput(
        title=f"{prefix}：{matter.category.name_zh}（{matter.place.name_zh}）",
        description=matter.description,
        category=matter.category,
        jurisdiction=matter.place,
        channel=Channel.LIAISON,
        location_text=matter.place_text,
        people_affected=matter.people_affected,
        urgency=Urgency.URGENT if urgent else None,
    )


def matter_case_open(*, matter: ReportMatter, actor: User) -> tuple[Case, bool]:
    """Turn a reported matter into a case, once: a second click returns the same case."""
    post = matter.report.post
    allowed = actor.pk == post.user_id or (
        actor.role == Role.DIRECTOR
        and actor.jurisdiction is not None
        and post.area.path.startswith(actor.jurisdiction.path)
    )
    if not allowed or not actor.is_active:
        raise PermissionDenied(_("Only the area's directors and the liaison open cases from it."))
    with transaction.atomic():
        locked = ReportMatter.objects.select_for_update().get(pk=matter.pk)
        if locked.case_id is not None:
            return Case.objects.get(pk=locked.case_id), False
        case, created = case_submit(
            data=_case_input(matter, urgent=False),
            actor=actor,
            idempotency_key=f"liaison-matter:{matter.pk}",
        )
        locked.case = case
        locked.save(update_fields=["case"])
    matter.case = case
    return case, created


def major_risk_report_file(
    *, post: LiaisonPost, actor: User, matter: MatterInput, idempotency_key: str | None = None
) -> tuple[MajorRiskReport, bool]:
    """The fast lane: in one transaction an urgent case and the report, a notification to the
    area's directors; after commit an e-mail to those of them with an address."""
    now = clock.now()
    today = local_date(now)
    try:
        _check_filer(post, actor, today, today)
    except DomainError as error:
        error.field = "post_id" if error.code == "inactive" else error.field
        raise
    cleaned = _matter_clean(matter, post=post, prefix="")
    key = (idempotency_key or "").strip() or None
    # The client's key is hashed into the case's key: it fits the column whatever its length.
    case_key = (
        "liaison-risk:" + hashlib.sha256(f"{post.pk}:{key}".encode()).hexdigest()[:40]
        if key
        else None
    )
    with transaction.atomic():
        case, created = case_submit(
            data=_case_input(cleaned, urgent=True), actor=actor, idempotency_key=case_key
        )
        if not created:
            existing = MajorRiskReport.objects.filter(case=case).first()
            if existing is not None:
                return existing, False
        report = MajorRiskReport.objects.create(
            post=post, filed_at=now, filed_by=actor, case=case, **cleaned.__dict__
        )
        directors = area_directors(area=post.area)
        title = f"{cleaned.category.name_zh} · {cleaned.place.name_zh} · {case.display_code}"
        url = reverse("cases:detail", args=[case.pk])
        notifications_send(
            recipients=directors,
            kind=NotificationKind.MAJOR_RISK,
            title=title,
            body=cleaned.description,
            url=url,
        )
        addresses = [director.email for director in directors if director.email]
        if addresses:
            transaction.on_commit(
                lambda: _mail_major_risk(addresses, title=title, report=report, url=url)
            )
    return report, True


def _mail_major_risk(
    addresses: list[str], *, title: str, report: MajorRiskReport, url: str
) -> None:
    base = settings.REDRESS_SITE_URL.rstrip("/")
    body = (
        f"重大风险即报 / Major-risk report\n\n{title}\n"
        f"涉及人数 / People affected: {report.people_affected}\n\n{report.description}\n\n"
        f"{base}{url}\n"
    )
    try:
        send_mail(
            subject=f"[redress] 重大风险即报 / Major-risk report: {title}",
            message=body,
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:
        # The report and the in-app notification stand; a mail server that is down must not
        # undo them. The failure is logged for the administrator.
        logger.exception("major-risk mail to %d director(s) failed", len(addresses))


def notifications_send(
    *, recipients: Sequence[User], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    now = clock.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=user, kind=kind, title=title[:200], body=body[:2000], url=url, created_at=now
        )
        for user in recipients
    )


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=clock.now()
    )

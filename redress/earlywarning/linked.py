"""Early warning joined to the other apps: the project rule (a major project graded medium or
high that draws grievances) and supervision letters about an alert, which record on the
alert that action was taken. Registered from EarlyWarningConfig.ready()."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from redress.assessments.models import Project
from redress.assessments.selectors import project_grievance_signals
from redress.cases.services.routing import route_department
from redress.earlywarning.models import Alert, AlertKind, AlertStatus
from redress.earlywarning.selectors import alert_get_for_user
from redress.earlywarning.services import RuleSignal, alert_mark_actioned
from redress.orgs.models import User
from redress.supervision.models import Letter, SubjectKind
from redress.supervision.services import Subject
from redress.supervision.subjects import SubjectProposal

# A project's last week draws an alert when it has at least this many linked grievances and
# at least twice its weekly average over the four weeks before.
PROJECT_MIN_GRIEVANCES = 3
PROJECT_SURGE_RATIO = 2.0


def project_signals(*, day: dt.date) -> list[RuleSignal]:
    zone = timezone.get_default_timezone()
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    rising = [
        signal
        for signal in project_grievance_signals(now=end_of_day)
        if signal.recent >= PROJECT_MIN_GRIEVANCES
        and signal.recent >= PROJECT_SURGE_RATIO * signal.baseline_per_window
    ]
    titles = dict(
        Project.objects.filter(pk__in=[s.project_id for s in rising]).values_list("pk", "title")
    )
    return [
        RuleSignal(
            kind=AlertKind.PROJECT,
            jurisdiction_id=signal.jurisdiction_id,
            category_id=None,
            key=f"project:{signal.project_id}",
            summary=_(
                "%(recent)s grievances about the project %(title)s in the last week "
                "(about %(before)s a week before)."
            )
            % {
                "recent": signal.recent,
                "title": titles.get(signal.project_id, ""),
                "before": round(signal.baseline_per_window, 1),
            },
            observed=float(signal.recent),
        )
        for signal in rising
    ]


def letter_subject_alert_resolve(*, user: User, object_id: int) -> SubjectProposal:
    alert = alert_get_for_user(user=user, alert_id=object_id)
    label = f"{alert.get_kind_display()} · {alert.jurisdiction.name}"
    if alert.category is not None:
        label += f" · {alert.category.name}"
    label += f" · {alert.start_date:%Y-%m-%d}"
    unit = (
        route_department(category=alert.category, jurisdiction=alert.jurisdiction)
        if alert.category is not None
        else None
    )
    return SubjectProposal(
        subject=Subject(kind=SubjectKind.ALERT, id=alert.pk, label=label[:200]),
        unit_id=unit.pk if unit else None,
        title=_("Supervision letter on the alert: %(label)s") % {"label": label},
    )


def letter_subject_alert_issued(*, letter: Letter, actor: User) -> None:
    """A letter about a verified alert is the action the alert's lifecycle waits for."""
    if letter.subject_id is None:
        return
    alert = Alert.objects.filter(pk=letter.subject_id).first()
    if alert is None or alert.status not in (AlertStatus.VERIFIED, AlertStatus.ACTIONED):
        return
    alert_mark_actioned(
        alert=alert,
        actor=actor,
        action_kind="supervision_letter",
        reference=f"#{letter.pk} {letter.title}",
    )

"""Demo letters: a dozen in every state (some overdue and escalated), with the accountability
records the ladder writes, one answered and one appealed."""

from __future__ import annotations

import datetime as dt
import random

from django.utils.text import Truncator

from redress.cases.models import OPEN_STATUSES, Case
from redress.clocks.calendar import WorkingCalendar, calendar_for
from redress.core import clock
from redress.core.clock import frozen_at
from redress.demo.county import DemoCounty
from redress.orgs.models import Department, DepartmentKind, User
from redress.supervision.models import AccountabilityRecord, Letter
from redress.supervision.services import (
    Subject,
    accountability_appeal,
    accountability_respond,
    letter_accept,
    letter_issue,
    letter_report_completion,
    letter_report_progress,
    letter_send_back,
    subject_for_case,
)
from redress.supervision.worker import accountability_pass, letters_pass

# (working days ago issued, working days allowed, what happened since, about a case?)
_PLAN = [
    (40, 10, "ignored", True),
    (35, 15, "ignored", True),
    (13, 10, "ignored", True),
    (9, 10, "ignored", False),
    (12, 15, "progress", True),
    (4, 10, "progress", False),
    (8, 10, "completion", True),
    (30, 15, "accepted_on_time", True),
    (25, 10, "accepted_on_time", False),
    (30, 10, "accepted_late", True),
    (10, 10, "sent_back", True),
    (6, 20, "issued", True),
]
_ACTIONS = [
    "核清欠薪金额，督促用工单位限期支付，并书面报告处理结果。",
    "会同有关部门现场核查，提出化解方案，按期报送办理情况。",
    "逐户走访受影响群众，公开答复并报送答复材料。",
    "查明责任，限期整改，整改结果报县信访局。",
]
_STANDALONE = [
    ("关于开展安全生产隐患排查的督办函", "Work-safety inspection letter"),
    ("关于落实群众诉求首问负责制的督办函", "First-contact responsibility letter"),
    ("关于做好节前欠薪清零工作的督办函", "Pre-holiday wage arrears letter"),
]


def _handler(demo: DemoCounty, unit: Department) -> User:
    return demo.handlers[unit.pk]


def seed_demo_extension(*, demo: DemoCounty, seed: int) -> str:
    rng = random.Random(seed * 7 + 5)
    now = clock.now()
    calendar = calendar_for(demo.county)
    director = demo.staff["director"]
    leader = demo.staff["leader"]
    kinds = [
        DepartmentKind.LABOUR_INSPECTION,
        DepartmentKind.ENVIRONMENT,
        DepartmentKind.NATURAL_RESOURCES,
        DepartmentKind.HOUSING,
    ]
    open_cases = list(
        Case.objects.filter(
            jurisdiction_path__startswith=demo.county.path, status__in=OPEN_STATUSES
        )
        .select_related("department__jurisdiction")
        .order_by("due_at", "id")[:200]
    )
    rng.shuffle(open_cases)
    letters: list[Letter] = []
    for index, (ago, allowed, fate, about_case) in enumerate(_PLAN):
        issued_at = calendar.add_working_days(now, -ago).replace(hour=9, minute=30)
        case = open_cases.pop() if about_case and open_cases else None
        if case is not None:
            unit = case.department
            subject = subject_for_case(case)
            title = f"关于{Truncator(case.title).chars(24)}的督办函"
        else:
            township = demo.townships[index % len(demo.townships)]
            unit = demo.department(township, kinds[index % len(kinds)])
            subject = Subject()
            title = _STANDALONE[index % len(_STANDALONE)][0]
        with frozen_at(issued_at):
            letter, _ = letter_issue(
                issuer=director,
                unit=unit,
                leader=leader if index % 2 == 0 else None,
                title=title,
                required_action=rng.choice(_ACTIONS),
                subject=subject,
                working_days=allowed,
            )
        _answer(demo, letter, fate, issued_at, calendar, allowed)
        letters.append(letter)
    # A township office's own letter to one of its departments.
    town = demo.townships[0]
    with frozen_at(calendar.add_working_days(now, -3)):
        letters.append(
            letter_issue(
                issuer=demo.staff["town_director"],
                unit=demo.department(town, DepartmentKind.WORK_SAFETY),
                title="关于整改工地扬尘和夜间施工的督办函",
                required_action="五个工作日内完成整改并报送照片。",
                working_days=5,
            )[0]
        )
    # The ladder catches up to today: reminders, letters from the level above, warnings.
    letters_pass(now=now)
    accountability_pass(now=now)
    records = list(AccountabilityRecord.objects.filter(letter__in=letters).select_related("unit"))
    for number, record in enumerate(records[:2]):
        with frozen_at(now - dt.timedelta(hours=4 - number)):
            record = accountability_respond(
                actor=_handler(demo, record.unit),
                record=record,
                response="该事项涉及多个部门，协调耗时较长，已在逾期后三日内完成核查。",
            )
            if number == 1:
                accountability_appeal(
                    actor=_handler(demo, record.unit),
                    record=record,
                    reason="逾期系等待上级部门批复资金所致，附批复时间材料。",
                )
    total = Letter.objects.filter(unit_path__startswith=demo.county.path).count()
    escalated = Letter.objects.filter(escalated_from__in=letters).count()
    return (
        f"{total} supervision letters ({escalated} from the level above), "
        f"{AccountabilityRecord.objects.count()} accountability records"
    )


def _answer(
    demo: DemoCounty,
    letter: Letter,
    fate: str,
    issued_at: dt.datetime,
    calendar: WorkingCalendar,
    allowed: int,
) -> None:
    handler = _handler(demo, letter.unit)
    director = demo.staff["director"]

    def at(days: int) -> dt.datetime:
        return calendar.add_working_days(issued_at, days)

    if fate in ("progress", "completion", "accepted_on_time", "sent_back", "accepted_late"):
        with frozen_at(at(2)):
            letter_report_progress(
                actor=handler, letter=letter, text="已召集相关单位研究，正在逐项核查。"
            )
    if fate in ("completion", "accepted_on_time", "sent_back"):
        with frozen_at(at(max(3, allowed - 3))):
            letter_report_completion(
                actor=handler, letter=letter, text="已按要求办结，群众表示认可，附办理材料。"
            )
    if fate == "accepted_on_time":
        with frozen_at(at(allowed - 1)):
            letter_accept(actor=director, letter=letter, note="同意办结。")
    if fate == "sent_back":
        with frozen_at(at(allowed - 2)):
            letter_send_back(
                actor=director, letter=letter, reason="未附支付凭证，请补充后重新报送。"
            )
    if fate == "accepted_late":
        with frozen_at(at(allowed + 4)):
            letter_report_completion(actor=handler, letter=letter, text="已办结，逾期原因另报。")
        with frozen_at(at(allowed + 5)):
            letter_accept(actor=director, letter=letter, note="同意办结，逾期情况记录在案。")

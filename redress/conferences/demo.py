"""Demo conferences: the county's member units, one conference held with minutes and
decisions (their action items at every stage, one overdue and escalated), and one planned
with the agenda proposed from the data."""

from __future__ import annotations

import datetime as dt

from redress.clocks.calendar import calendar_for
from redress.conferences.agenda import conference_agenda_propose
from redress.conferences.models import (
    ActionItem,
    ConferenceKind,
    ConferenceMembership,
    MemberRole,
    Presence,
)
from redress.conferences.services import (
    DecisionInput,
    action_item_accept,
    action_item_report,
    conference_agenda_adopt,
    conference_minutes_approve,
    conference_minutes_record,
    conference_schedule,
)
from redress.conferences.worker import action_items_pass
from redress.core import clock
from redress.core.clock import frozen_at
from redress.demo.county import DemoCounty
from redress.obligations.models import ReportKind
from redress.orgs.models import DepartmentKind

_MEMBERS = [
    (DepartmentKind.COMPLAINTS_OFFICE, MemberRole.CONVENER),
    (DepartmentKind.LABOUR_INSPECTION, MemberRole.MEMBER),
    (DepartmentKind.HUMAN_RESOURCES, MemberRole.MEMBER),
    (DepartmentKind.NATURAL_RESOURCES, MemberRole.MEMBER),
    (DepartmentKind.HOUSING, MemberRole.MEMBER),
    (DepartmentKind.ENVIRONMENT, MemberRole.MEMBER),
    (DepartmentKind.WORK_SAFETY, MemberRole.MEMBER),
    (DepartmentKind.JUDICIAL, MemberRole.MEMBER),
]


def seed_demo_extension(*, demo: DemoCounty, seed: int) -> str:
    county = demo.county
    director = demo.staff["director"]
    now = clock.now()
    calendar = calendar_for(county)
    for kind, role in _MEMBERS:
        ConferenceMembership.objects.create(
            jurisdiction=county, department=demo.department(county, kind), role=role
        )
    unit = {kind: demo.department(county, kind) for kind, _ in _MEMBERS}

    held_at = calendar.add_working_days(now, -15).replace(hour=9, minute=0)
    with frozen_at(held_at - dt.timedelta(days=7)):
        held, _ = conference_schedule(
            actor=director,
            jurisdiction=county,
            kind=ConferenceKind.REGULAR,
            title="县信访工作联席会议（季度例会）",
            scheduled_at=held_at,
            place="县政府三楼第一会议室",
        )
        conference_agenda_adopt(
            actor=director, conference=held, items=conference_agenda_propose(conference=held)
        )
    with frozen_at(held_at + dt.timedelta(hours=3)):
        conference_minutes_record(
            actor=director,
            conference=held,
            minutes=(
                "会议通报了本季度信访形势，重点研究了建筑领域欠薪、城郊征地补偿和工业园区"
                "噪声扰民三类问题，明确了牵头单位和办结时限。"
            ),
            attendance={
                department.pk: (
                    Presence.ABSENT if kind == DepartmentKind.JUDICIAL else Presence.PRESENT
                )
                for kind, department in unit.items()
            },
            decisions=[
                DecisionInput(
                    text="劳动保障监察大队牵头，十个工作日内完成在建工地欠薪排查，督促清偿。",
                    unit=unit[DepartmentKind.LABOUR_INSPECTION],
                    working_days=10,
                ),
                DecisionInput(
                    text="自然资源和规划局会同乡镇，二十个工作日内复核城郊征地补偿标准并公开答复。",
                    unit=unit[DepartmentKind.NATURAL_RESOURCES],
                    working_days=20,
                ),
                DecisionInput(
                    text="生态环境分局五个工作日内对工业园区夜间噪声开展监测，通报结果。",
                    unit=unit[DepartmentKind.ENVIRONMENT],
                    working_days=5,
                ),
            ],
        )
    labour, land, environment = ActionItem.objects.filter(conference=held).order_by("id")
    handlers = demo.handlers
    with frozen_at(calendar.add_working_days(held_at, 4)):
        action_item_report(
            actor=handlers[labour.unit_id],
            item=labour,
            kind=ReportKind.PROGRESS,
            text="已排查在建工地23个，发现欠薪线索4条，正在约谈。",
        )
    with frozen_at(calendar.add_working_days(held_at, 8)):
        action_item_report(
            actor=handlers[labour.unit_id],
            item=labour,
            kind=ReportKind.COMPLETION,
            text="4起欠薪已全部清偿，涉及工人61名，附清偿凭证。",
        )
        action_item_accept(actor=director, item=labour, note="同意办结。")
        conference_minutes_approve(actor=director, conference=held)
    with frozen_at(calendar.add_working_days(held_at, 6)):
        action_item_report(
            actor=handlers[land.unit_id],
            item=land,
            kind=ReportKind.PROGRESS,
            text="已完成两个村的补偿标准复核，其余村正在进行。",
        )
    # The environment branch never answered: the ladder has escalated it by now.
    action_items_pass(now=now)
    _ = environment

    planned_at = calendar.add_working_days(now, 5).replace(hour=14, minute=30)
    with frozen_at(now):
        planned, _ = conference_schedule(
            actor=director,
            jurisdiction=county,
            kind=ConferenceKind.AD_HOC,
            title="关于逾期和跨部门案件的专题联席会议",
            scheduled_at=planned_at,
            place="县信访局会议室",
        )
        proposal = conference_agenda_propose(conference=planned)
        conference_agenda_adopt(actor=director, conference=planned, items=proposal)
    return f"2 joint conferences, 3 action items, {len(proposal)} agenda items proposed"

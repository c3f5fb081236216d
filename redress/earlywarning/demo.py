"""Demo data for early warning: the daily counts of the demo year, a small cluster of extra
grievances about one matter at the end of it (submitted through case_submit like any other,
so the demo has a surge to show), the scans over the last weeks, and a few alerts taken
through their lifecycle so every state appears."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Max

from redress.cases.models import Case, Category, Channel
from redress.cases.services import GrievanceInput, case_submit
from redress.core import clock
from redress.demo.county import DemoCounty
from redress.earlywarning.counts import counts_rebuild, local_date
from redress.earlywarning.models import Alert, AlertKind, AlertStatus, ScanState
from redress.earlywarning.services import (
    alert_close,
    alert_dismiss,
    alert_mark_actioned,
    alert_verify,
    alerts_scan,
    rules_scan,
)

SCAN_DAYS = 45
MIN_CASES_FOR_CLUSTER = 300
CLUSTER = [
    ("工业园区工地拖欠农民工工资", "园区三号工地的工人反映两个月工资未发，项目部称资金未到位。"),
    ("同一工地工人工资被拖欠", "我们在园区工地做钢筋工，老板说月底结清，到现在还没给。"),
    ("工地包工头欠薪未付", "包工头拖欠我和几个老乡的工钱，电话也不接了。"),
    ("园区建筑工地欠薪", "工地停工后工资一直没有结算，希望有关部门督促支付。"),
    ("农民工工资拖欠求助", "在园区干了三个月，只拿到生活费，工资没发。"),
]


def _add_cluster(*, demo: DemoCounty, last: dt.datetime, rng: random.Random) -> str:
    village = rng.choice(demo.villages)
    category = Category.objects.get(code="wage-arrears")
    added = 0
    for day_offset in (2, 1, 0):
        for index in range(4 + (2 - day_offset) * 2):
            moment = last - dt.timedelta(days=day_offset, hours=rng.randint(0, 8))
            title, description = CLUSTER[(index + day_offset) % len(CLUSTER)]
            with clock.frozen_at(moment):
                case_submit(
                    data=GrievanceInput(
                        title=title,
                        description=description,
                        category=category,
                        jurisdiction=village,
                        channel=rng.choice([Channel.HOTLINE, Channel.WEB, Channel.VISIT]),
                        people_affected=rng.randint(1, 4),
                    )
                )
            added += 1
    return f"{added} extra grievances in {village.name}; "


def _scan(*, last: dt.datetime) -> int:
    counts_rebuild()
    end = local_date(last)
    with clock.frozen_at(last):
        raised = alerts_scan(date_from=end - dt.timedelta(days=SCAN_DAYS), date_to=end)
        raised += rules_scan(day=end)
    ScanState.objects.update(last_scanned_date=end)
    return raised


def seed_demo_extension(*, demo: DemoCounty, seed: int) -> str:
    rng = random.Random(seed + 606)
    last = Case.objects.aggregate(last=Max("submitted_at"))["last"]
    if last is None or not demo.villages:
        return ""
    end = local_date(last)
    raised = _scan(last=last)
    added = ""
    recent_surge = Alert.objects.filter(
        kind=AlertKind.SURGE, end_date__gte=end - dt.timedelta(days=7)
    ).exists()
    # A demo of a realistic size shows a surge under way; a small one (a test fixture) keeps
    # exactly the grievances it asked for.
    if not recent_surge and Case.objects.count() >= MIN_CASES_FOR_CLUSTER:
        added = _add_cluster(demo=demo, last=last, rng=rng)
        raised += _scan(last=last)
    director = demo.director_for(demo.county.pk)
    alerts = list(
        Alert.objects.filter(jurisdiction_path__startswith=demo.county.path).order_by(
            "end_date", "pk"
        )
    )
    with clock.frozen_at(last + dt.timedelta(hours=2)):
        older = [alert for alert in alerts if alert.end_date < end - dt.timedelta(days=7)]
        if older:
            alert_dismiss(
                alert=older[0],
                actor=director,
                reason="核实为一次集中录入的历史件，并非新增问题。",
            )
        if len(older) > 1:
            alert = alert_verify(alert=older[1], actor=director, note="已与镇里核实。")
            alert = alert_mark_actioned(
                alert=alert,
                actor=director,
                action_kind="督办函",
                reference="县信访督〔2026〕1号",
                note="责成主管部门查明原因并限期答复。",
            )
            alert_close(
                alert=alert, actor=director, note="主管部门已整改，近两周未再出现同类诉求。"
            )
        recent = [
            alert
            for alert in alerts
            if alert.end_date >= end - dt.timedelta(days=1) and alert.status == AlertStatus.NEW
        ]
        if recent:
            alert_verify(alert=recent[0], actor=director, note="属实，同一工地多名工人反映。")
    return f"{added}{raised} alerts raised"

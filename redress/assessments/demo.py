"""Demo projects: eight major projects across the county's townships, one in each state of the
assessment (one blocked after a refused approval, one approved with conditions whose
grievances are linked), every step taken through the services with the clock moved back."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from redress.assessments import services
from redress.assessments.models import (
    FACTOR_CATEGORIES,
    Dimension,
    LinkHow,
    Project,
    ProjectStatus,
)
from redress.cases.models import Case
from redress.core import clock
from redress.demo.county import DemoCounty
from redress.orgs.models import DepartmentKind, Jurisdiction, Level, User


@dataclass(frozen=True)
class DemoProject:
    title: str
    kind: str
    township: int  # index into demo.townships; -1 for the county itself
    initiator: str  # a DepartmentKind
    households: int
    investment: int  # 10,000 yuan
    objection_percent: int
    factors: tuple[tuple[str, str, str, str], ...]  # factor, likelihood, impact, findings
    objections: str
    target: str  # the state to leave it in
    measures: tuple[tuple[str, str], ...] = ()  # description, owner DepartmentKind


PROJECTS: tuple[DemoProject, ...] = (
    DemoProject(
        "桥头镇工业园区二期征地项目", "land_acquisition", 0, DepartmentKind.NATURAL_RESOURCES,
        320, 48000, 12,
        (("land_acquisition", "medium", "high", "征收耕地约 860 亩，涉及 4 个村"),
         ("compensation", "high", "medium", "部分农户认为补偿标准低于邻县"),
         ("environment", "medium", "medium", "园区入驻企业排放担忧")),
        "补偿标准偏低\n失地农民社保未落实\n担心园区污染",
        ProjectStatus.APPROVED_WITH_CONDITIONS,
        (("按新标准公示补偿方案并逐户确认", DepartmentKind.NATURAL_RESOURCES),
         ("失地农民纳入社保，资金先行到位", DepartmentKind.HUMAN_RESOURCES)),
    ),
    DemoProject(
        "青石镇垃圾焚烧发电厂", "infrastructure", 1, DepartmentKind.HOUSING,
        410, 62000, 41,
        (("environment", "high", "high", "距离居民区不足 1 公里，二噁英排放担忧强烈"),
         ("public_safety", "medium", "high", "可能引发群体聚集")),
        "选址离村庄太近\n担心二噁英危害健康\n环评信息公开不足",
        ProjectStatus.BLOCKED,
    ),
    DemoProject(
        "城关镇老城区棚户区改造", "demolition", 3, DepartmentKind.HOUSING,
        150, 21000, 3,
        (("demolition", "low", "medium", "绝大多数住户签约意愿高"),
         ("compensation", "low", "medium", "安置房就近建设")),
        "个别住户希望货币补偿",
        ProjectStatus.APPROVED,
    ),
    DemoProject(
        "柳溪乡小型水库扩容及移民安置", "infrastructure", 2, DepartmentKind.NATURAL_RESOURCES,
        60, 8600, 4,
        (("demolition", "low", "medium", "需搬迁 12 户"),),
        "",
        ProjectStatus.REVIEWED,
    ),
    DemoProject(
        "白沙镇化工企业改制重组", "restructuring", 4, DepartmentKind.HUMAN_RESOURCES,
        240, 15000, 18,
        (("employment", "high", "high", "约 600 名职工身份置换"),
         ("compensation", "medium", "medium", "经济补偿金测算争议")),
        "身份置换补偿偏低\n拖欠社保是否补缴",
        ProjectStatus.GRADED,
        (("公开经济补偿金测算办法并召开职工代表大会", DepartmentKind.HUMAN_RESOURCES),),
    ),
    DemoProject(
        "松岭乡公交线路调整", "policy", 5, DepartmentKind.TRANSPORT,
        900, 300, 7,
        (("public_services", "medium", "low", "两个村的早班车取消"),),
        "",
        ProjectStatus.ANALYSIS,
    ),
    DemoProject(
        "东河镇农贸市场搬迁", "demolition", 6, DepartmentKind.MARKET,
        130, 4200, 9,
        (), "", ProjectStatus.CONSULTATION,
    ),
    DemoProject(
        "青山县城区供水价格调整", "policy", -1, DepartmentKind.TRANSPORT,
        5200, 0, 0,
        (), "", ProjectStatus.DRAFT,
    ),
)  # fmt: skip


@contextlib.contextmanager
def _at(moment: dt.datetime) -> Iterator[None]:
    with clock.frozen_at(moment):
        yield


def seed_demo_extension(*, demo: DemoCounty, seed: int) -> str:
    rng = random.Random(seed + 7)
    now = clock.now()
    office = demo.staff["director"]
    leader = demo.staff["leader"]
    made: list[Project] = []
    linked = 0
    for index, spec in enumerate(PROJECTS):
        place = demo.county if spec.township < 0 else demo.townships[spec.township]
        start = now - dt.timedelta(days=170 - index * 9, hours=rng.randint(0, 6))
        project, links = _build(demo, spec, place, start=start, office=office, leader=leader)
        made.append(project)
        linked += links
    states = ", ".join(f"{p.get_status_display()}" for p in made)
    return f"{len(made)} major projects ({states}); {linked} grievances linked"


def _build(
    demo: DemoCounty,
    spec: DemoProject,
    place: Jurisdiction,
    *,
    start: dt.datetime,
    office: User,
    leader: User,
) -> tuple[Project, int]:
    initiator = demo.department(place, spec.initiator)
    staff = demo.handlers[initiator.pk]
    step = dt.timedelta(days=6)
    moment = start
    with _at(moment):
        project, _ = services.project_register(
            data=services.ProjectInput(
                title=spec.title,
                kind=spec.kind,
                level=Level.COUNTY,
                initiator=initiator,
                jurisdiction=place,
                description=f"{spec.title}，由{initiator.name_zh}发起。",
                location_text=place.name_zh,
                latitude=place.latitude,
                longitude=place.longitude,
                investment_wan=Decimal(spec.investment) if spec.investment else None,
                affected_households=spec.households,
                affected_people=spec.households * 3,
                planned_start=(start + dt.timedelta(days=200)).date(),
                planned_end=(start + dt.timedelta(days=900)).date(),
            ),
            actor=staff,
        )
    if spec.target == ProjectStatus.DRAFT:
        project.refresh_from_db()
        return project, 0
    moment += step
    with _at(moment):
        services.assessment_start_consultation(project=project, actor=staff)
        services.consultation_record_add(
            project=project,
            actor=staff,
            data=services.ConsultationInput(
                kind="hearing",
                held_on=moment.date(),
                summary=f"在{place.name_zh}召开听证会，村（居）民代表和专家参加。",
            ),
        )
    if spec.target == ProjectStatus.CONSULTATION:
        project.refresh_from_db()
        return project, 0
    moment += step
    reached = spec.households - spec.households // 50  # 98%: above the 95% floor
    objection = round(reached * spec.objection_percent / 100)
    neutral = reached // 20
    with _at(moment):
        services.consultation_record_add(
            project=project,
            actor=staff,
            data=services.ConsultationInput(
                kind="survey",
                held_on=moment.date(),
                summary="入户走访调查，逐户记录意见（只计户数，不记姓名）。",
                households_reached=reached,
                support_count=reached - objection - neutral,
                objection_count=objection,
                neutral_count=neutral,
            ),
        )
        services.consultation_record_add(
            project=project,
            actor=staff,
            data=services.ConsultationInput(
                kind="expert", held_on=moment.date(), summary="邀请法律、规划和环保专家论证。"
            ),
        )
        for dimension, findings in zip(
            Dimension.values,
            (
                "符合法律法规和政策规定",
                "符合大多数群众利益",
                "方案成熟，资金落实",
                "风险可控，有应急预案",
            ),
            strict=True,
        ):
            services.dimension_record(
                project=project,
                actor=staff,
                dimension=dimension,
                findings=findings,
                evidence="相关批复文件",
            )
        for factor, likelihood, impact, findings in spec.factors:
            services.risk_factor_record(
                project=project,
                actor=staff,
                factor=factor,
                findings=findings,
                likelihood=likelihood,
                impact=impact,
            )
        if spec.objections:
            services.objections_record(project=project, actor=staff, text=spec.objections)
        services.assessment_start_analysis(project=project, actor=staff)
    if spec.target == ProjectStatus.ANALYSIS:
        project.refresh_from_db()
        return project, 0
    moment += step
    with _at(moment):
        services.assessment_grade(project=project, actor=office)
        for description, owner_kind in spec.measures:
            services.mitigation_add(
                project=project,
                actor=office,
                description=description,
                owner=demo.department(place, owner_kind),
                working_days=15,
            )
    if spec.target == ProjectStatus.GRADED:
        project.refresh_from_db()
        return project, 0
    moment += step
    with _at(moment):
        services.assessment_review(project=project, actor=office)
    if spec.target == ProjectStatus.REVIEWED:
        project.refresh_from_db()
        return project, 0
    moment += step
    with _at(moment):
        if spec.target == ProjectStatus.BLOCKED:
            # The leader tries; the gate refuses and records it; the project is blocked.
            with contextlib.suppress(services.ApprovalRefused):
                services.project_approve(project=project, actor=leader)
            project = services.project_block(
                project=project, actor=leader, reason="反对比例超过 33%，评估为高风险，暂缓实施。"
            )
            return project, 0
        for measure in project.measures.all():
            services.mitigation_complete(
                project=project,
                actor=demo.handlers[measure.owner_id],
                measure_id=measure.pk,
                note="已按期完成。",
            )
    if project.measures.exists():
        moment += step
        with _at(moment):
            services.assessment_grade(project=project, actor=office)
            services.assessment_review(project=project, actor=office)
    moment += dt.timedelta(days=2)
    with _at(moment):
        project = services.project_approve(
            project=project, actor=leader, note="同意实施，落实各项化解措施。"
        )
    return project, _link_grievances(project, spec, place, office=office)


def _link_grievances(
    project: Project, spec: DemoProject, place: Jurisdiction, *, office: User
) -> int:
    codes = {code for factor, *_ in spec.factors for code in FACTOR_CATEGORIES.get(factor, ())}
    cases = Case.objects.filter(
        jurisdiction_path__startswith=place.path,
        category__code__in=codes,
        submitted_at__gte=project.decided_at,
    ).order_by("submitted_at")[:12]
    for case in cases:
        services.project_case_link(project=project, case=case, actor=office, how=LinkHow.SUGGESTED)
    return len(cases)

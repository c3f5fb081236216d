"""The project pages: register, detail with its forms, the gate's refusal on the page, the
report and its PDF (with the Chinese font embedded), the gate lists; 404 outside the area."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from redress.assessments import services
from redress.assessments.models import Project, ProjectEventKind, ProjectStatus
from redress.assessments.testing import assess_to_analysis, register_project
from redress.orgs.models import User
from redress.orgs.testing import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _client(user: User, language: str = "zh-hans") -> Client:
    client = Client(headers={"Accept-Language": language})
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _project(cast: Cast) -> Project:
    return register_project(
        actor=cast.a_env_handler,
        initiator=cast.a_environment,
        jurisdiction=cast.township_a,
        title="东镇垃圾焚烧发电项目",
    )


def test_register_through_the_page(cast: Cast) -> None:
    client = _client(cast.a_env_handler)
    assert client.get(reverse("assessments:new")).status_code == 200
    response = client.post(
        reverse("assessments:new"),
        {
            "title": "东镇老街改造",
            "kind": "demolition",
            "level": "township",
            "initiator": cast.a_environment.pk,
            "jurisdiction": cast.township_a.pk,
            "affected_households": 80,
            "affected_people": 240,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get()
    assert response["Location"] == reverse("assessments:detail", args=[project.pk])
    bad = client.post(reverse("assessments:new"), {"title": "", "kind": "demolition"})
    assert bad.status_code == 400 and Project.objects.count() == 1
    assert _client(cast.a_operator).get(reverse("assessments:new")).status_code == 404


def test_list_detail_and_scope(cast: Cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    project = _project(cast)
    for n in range(5):
        register_project(
            actor=cast.a_director,
            initiator=cast.a_labour,
            jurisdiction=cast.township_a,
            title=f"项目{n}",
        )
    client = _client(cast.a_director)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("assessments:list"), {"status": "draft"})
    assert listing.status_code == 200 and "东镇垃圾焚烧发电项目" in listing.content.decode()
    detail = client.get(reverse("assessments:detail", args=[project.pk]))
    assert detail.status_code == 200
    for user in (cast.b_director, cast.b_handler, cast.liaison):
        outside = _client(user)
        assert outside.get(reverse("assessments:detail", args=[project.pk])).status_code == 404
        assert outside.get(reverse("assessments:report_pdf", args=[project.pk])).status_code == 404
        assert (
            outside.post(
                reverse("assessments:act", args=[project.pk, "start_consultation"])
            ).status_code
            == 404
        )
    assert (
        "东镇垃圾焚烧发电项目"
        not in _client(cast.b_director).get(reverse("assessments:list")).content.decode()
    )


def test_the_workflow_on_the_pages_and_the_refused_approval(cast: Cast) -> None:
    project = _project(cast)
    handler, director, leader = (
        _client(cast.a_env_handler),
        _client(cast.a_director),
        _client(cast.county_leader, "en"),
    )

    def act(client: Client, action: str, data: dict[str, object] | None = None) -> int:
        return client.post(
            reverse("assessments:act", args=[project.pk, action]), data or {}
        ).status_code

    refused = leader.post(
        reverse("assessments:act", args=[project.pk, "approve"]), {"note": ""}, follow=True
    )
    assert refused.redirect_chain[-1][1] == 302
    assert "has not been assessed" in refused.content.decode()
    assert project.events.filter(kind=ProjectEventKind.APPROVAL_REFUSED).count() == 1

    assert act(handler, "start_consultation") == 302
    assert (
        act(
            handler,
            "consultation",
            {
                "kind": "survey",
                "held_on": "2026-01-05",
                "summary": "入户调查",
                "households_reached": 100,
                "support_count": 60,
                "objection_count": 40,
                "neutral_count": 0,
            },
        )
        == 302
    )
    for dimension in ("legality", "reasonableness", "feasibility", "controllability"):
        assert act(handler, "dimension", {"dimension": dimension, "findings": "符合"}) == 302
    assert (
        act(
            handler,
            "risk_factor",
            {
                "factor": "environment",
                "likelihood": "high",
                "impact": "high",
                "findings": "二噁英担忧",
            },
        )
        == 302
    )
    assert act(handler, "objections", {"main_objections": "担心空气污染\n补偿标准偏低"}) == 302
    assert act(handler, "start_analysis") == 302
    assert act(handler, "grade", {"grade": "", "reason": ""}) == 400  # only the office grades
    assert act(director, "grade", {"grade": "", "reason": ""}) == 302
    project.refresh_from_db()
    assert project.grade == "high"
    assert act(director, "review") == 302
    high = leader.post(
        reverse("assessments:act", args=[project.pk, "approve"]), {"note": ""}, follow=True
    )
    assert "high risk" in high.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.REVIEWED
    assert act(leader, "block", {"reason": "反对比例过高"}) == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.BLOCKED

    # Correct the survey through the page: the grade follows the figures.
    record = project.consultations.get()
    assert (
        act(
            handler,
            "consultation_edit",
            {
                "record": record.pk,
                "kind": "survey",
                "held_on": "2026-01-05",
                "summary": "复核",
                "households_reached": 100,
                "support_count": 97,
                "objection_count": 3,
                "neutral_count": 0,
            },
        )
        == 302
    )
    project.refresh_from_db()
    assert (project.grade, project.status) == ("low", ProjectStatus.GRADED)
    page = director.get(reverse("assessments:detail", args=[project.pk])).content.decode()
    assert "复核" in page and f"id_r{record.pk}_summary" in page


def test_the_report_pdf_embeds_a_chinese_font_and_carries_the_name(
    cast: Cast, tmp_path: Path
) -> None:
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils not installed")
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=2)
    services.assessment_grade(project=project, actor=cast.a_director)
    page = _client(cast.auditor).get(reverse("assessments:report", args=[project.pk]))
    assert page.status_code == 200 and "东镇垃圾焚烧发电项目" in page.content.decode()
    response = _client(cast.auditor).get(reverse("assessments:report_pdf", args=[project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    # pdffonts' "emb" column: every CJK face is embedded (as a subset).
    assert all(" yes " in line for line in cjk), fonts
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "东镇垃圾焚烧发电项目" in text
    assert "社会稳定风险评估" in text or "Social-risk assessment report" in text


def test_gate_lists_page(cast: Cast) -> None:
    _project(cast)
    response = _client(cast.county_leader).get(reverse("assessments:gate"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="unassessed-empty"' in body and "东镇垃圾焚烧发电项目" in body


def test_detail_page_queries_are_bounded(cast: Cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=10)
    for n in range(4):
        services.mitigation_add(
            project=project,
            actor=cast.a_director,
            description=f"措施{n}",
            owner=cast.a_labour,
            working_days=5,
        )
    client = _client(cast.a_director)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("assessments:detail", args=[project.pk])).status_code == 200


def test_grading_scheme_is_edited_in_the_admin(cast: Cast, admin_client) -> None:  # type: ignore[no-untyped-def]
    response = admin_client.post(
        reverse("admin:assessments_gradingscheme_add"),
        {
            "jurisdiction": cast.county.pk,
            "coverage_min_percent": "90",
            "high_objection_above_percent": "10",
            "medium_objection_from_percent": "20",
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200  # refused: medium above high
    assert "Medium must start at or below high." in response.content.decode()
    response = admin_client.post(
        reverse("admin:assessments_gradingscheme_add"),
        {
            "jurisdiction": cast.county.pk,
            "coverage_min_percent": "90",
            "high_objection_above_percent": "30",
            "medium_objection_from_percent": "10",
        },
    )
    assert response.status_code == 302
    from redress.assessments.selectors import thresholds_for

    assert thresholds_for(jurisdiction_path=cast.village_a.path).coverage_min_percent == 90

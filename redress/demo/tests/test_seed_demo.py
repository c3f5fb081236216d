"""The demo: a believable county, a year of grievances through the services, nothing leaked."""

import io
import json
import string

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from redress.cases.models import OPEN_STATUSES, Case, CaseEvent, CaseStatus, EventKind
from redress.contacts.crypto import unseal
from redress.contacts.models import ComplainantContact
from redress.demo.county import DEMO_LOGINS, PASSWORD
from redress.demo.generator import GrievanceGenerator, Place
from redress.demo.phrasebook import SCENARIOS
from redress.demo.phrasebook.slots import SLOT_MAKERS
from redress.orgs.models import Department, DepartmentKind, Jurisdiction, Level, Role, User

PLACE = Place("上湾村", "Shangwan Village", "桥头镇", "Qiaotou Town", 30.2, 120.1, 0.03, 0.03)


@pytest.fixture
def demo(db):
    call_command("seed_demo", cases=60, seed=3, verbosity=0, stdout=io.StringIO())


def test_the_county_has_townships_and_villages_with_places_on_the_map(demo):
    county = Jurisdiction.objects.get(level=Level.COUNTY, name_en="Qingshan County")
    townships = Jurisdiction.objects.filter(level=Level.TOWNSHIP, parent=county)
    assert townships.count() == 12
    villages = Jurisdiction.objects.filter(level=Level.VILLAGE, path__startswith=county.path)
    assert villages.count() >= 80
    for village in villages:
        assert village.latitude and village.longitude
        assert village.boundary_geojson["type"] == "Polygon"
    for unit in [county, *townships]:
        kinds = set(Department.objects.filter(jurisdiction=unit).values_list("kind", flat=True))
        assert kinds == set(DepartmentKind.values) - {DepartmentKind.OTHER}


def test_every_role_has_a_user_and_the_demo_logins_work(demo):
    assert set(Role.values) <= set(User.objects.values_list("role", flat=True))
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.check_password(PASSWORD)
        user.full_clean()  # a handler has a department of their own unit, and so on
    assert User.objects.get(username="admin").is_superuser


def test_statuses_are_mixed_and_timelines_go_back_months(demo):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert Case.objects.count() == 60
    assert CaseStatus.CLOSED in statuses
    assert statuses & OPEN_STATUSES
    assert len(statuses) >= 3
    assert CaseEvent.objects.filter(kind=EventKind.SUBMITTED).count() == 60
    first = CaseEvent.objects.order_by("at").first()
    assert first is not None
    assert (timezone.now() - first.at).days > 180
    assert not CaseEvent.objects.filter(at__gt=timezone.now()).exists()


def test_running_again_with_if_empty_adds_nothing(demo):
    def counts() -> tuple[int, ...]:
        return (
            Case.objects.count(),
            CaseEvent.objects.count(),
            User.objects.count(),
            Jurisdiction.objects.count(),
        )

    before = counts()
    out = io.StringIO()
    call_command("seed_demo", cases=60, if_empty=True, verbosity=0, stdout=out)
    assert counts() == before
    assert "already" in out.getvalue()
    with pytest.raises(CommandError, match="already loaded"):
        call_command("seed_demo", cases=60, verbosity=0, stdout=io.StringIO())


def test_no_contact_detail_appears_in_any_event(demo):
    details = [unseal(contact.ciphertext) for contact in ComplainantContact.objects.all()]
    assert details, "some demo complainants leave contact details"
    secrets = {value for detail in details for value in detail.values() if value}
    written = [
        *CaseEvent.objects.values_list("note", flat=True),
        *(
            json.dumps(data, ensure_ascii=False)
            for data in CaseEvent.objects.values_list("data", flat=True)
        ),
    ]
    for secret in secrets:
        assert not any(secret in text for text in written), secret


def test_demo_logins_prints_the_addresses_and_the_table(demo):
    out = io.StringIO()
    call_command("demo_logins", port=8123, stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert "http://127.0.0.1:8123/staff/" in text
    assert "http://127.0.0.1:8123/admin/" in text
    for login in DEMO_LOGINS:
        assert login.username in text
    assert PASSWORD in text


def test_every_template_fills_in_both_languages():
    known = set(SLOT_MAKERS) | {"n", "village", "township", "place"}
    for scenarios in SCENARIOS.values():
        for scenario in scenarios:
            for phrases in (scenario.zh, scenario.en):
                assert phrases.titles and phrases.openings and phrases.details and phrases.answers
                for template in (
                    *phrases.titles,
                    *phrases.openings,
                    *phrases.details,
                    *phrases.answers,
                ):
                    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
                    assert names <= known, (scenario.key, template)


def test_the_generator_is_seeded_varied_and_mostly_chinese():
    first = [GrievanceGenerator(7).grievance(place=PLACE) for _ in range(3)]
    again = [GrievanceGenerator(7).grievance(place=PLACE) for _ in range(3)]
    assert [g.title for g in first] == [g.title for g in again]

    generator = GrievanceGenerator(1)
    grievances = [generator.grievance(place=PLACE) for _ in range(1000)]
    assert len({g.description for g in grievances}) > 900
    chinese = sum(g.language == "zh" for g in grievances)
    assert 600 < chinese < 800
    assert {g.category_code for g in grievances} == set(SCENARIOS)
    people = sorted(g.people_affected for g in grievances)
    assert people[len(people) // 2] <= 5  # mostly one person or a family
    assert any(20 <= count <= 300 for count in people)  # sometimes a group
    for grievance in grievances:
        assert "{" not in grievance.title + grievance.description
        assert len(grievance.title) <= 200
        answer = generator.answer(grievance)
        assert answer and "{" not in answer


def test_some_categories_publish_their_answers_and_cases_follow_them(demo):
    from redress.cases.models import Category
    from redress.demo.county import PUBLIC_ANSWER_CATEGORIES

    public = set(
        Category.objects.filter(answers_public_by_default=True).values_list("code", flat=True)
    )
    assert public == set(PUBLIC_ANSWER_CATEGORIES) and "wage-arrears" not in public
    answered = Case.objects.exclude(answer="").select_related("category")
    assert answered.exists()
    for case in answered:
        assert case.answer_is_public is case.category.answers_public_by_default

"""Who sees which cases: every read goes through the user's jurisdiction and role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from redress.cases.models import Case, CaseStatus, EventKind
from redress.cases.selectors import (
    case_get_by_tracking_code,
    case_get_for_user,
    case_list_for_user,
    case_queue,
    case_timeline,
    category_list_active,
)
from redress.cases.services import (
    case_accept,
    case_add_note,
    case_close,
    case_decline,
    case_extend,
    case_pause,
    case_resolve,
    case_start,
    case_transfer,
)
from redress.cases.testing import local_time, submit_case, unchanged
from redress.core.clock import frozen_at
from redress.core.errors import PermissionDenied
from redress.orgs.models import Jurisdiction, Level, User


@pytest.fixture
def cases(cast):
    """One case in each township's village and one at the county seat."""
    with frozen_at(local_time(2025, 3, 3)):
        return {
            "a": submit_case(jurisdiction=cast.village_a, title="东村欠薪"),
            "b": submit_case(jurisdiction=cast.village_b, title="西村欠薪"),
            "county": submit_case(jurisdiction=cast.county, title="县城欠薪"),
        }


def visible(user, cases):
    return {name for name, case in cases.items() if case in case_list_for_user(user=user)}


def can_get(user, case):
    try:
        return case_get_for_user(user=user, case_id=case.pk) == case
    except Http404:
        return False


class TestScope:
    def test_what_each_role_sees(self, cast, cases):
        assert visible(cast.a_handler, cases) == {"a"}
        assert visible(cast.b_handler, cases) == {"b"}
        assert visible(cast.a_env_handler, cases) == set()
        assert visible(cast.a_operator, cases) == {"a"}
        assert visible(cast.a_director, cases) == {"a"}
        assert visible(cast.b_director, cases) == {"b"}
        assert visible(cast.county_director, cases) == {"a", "b", "county"}
        assert visible(cast.county_leader, cases) == set()
        assert visible(cast.auditor, cases) == set()
        assert visible(cast.liaison, cases) == set()

    def test_another_townships_handler_gets_404(self, cast, cases):
        with pytest.raises(Http404):
            case_get_for_user(user=cast.b_handler, case_id=cases["a"].pk)
        assert can_get(cast.a_handler, cases["a"])

    def test_an_operator_reads_their_township_subtree_only(self, cast, cases):
        with frozen_at(local_time(2025, 3, 3)):
            at_township = submit_case(jurisdiction=cast.township_a)
        assert can_get(cast.a_operator, cases["a"])
        assert can_get(cast.a_operator, at_township)
        assert not can_get(cast.a_operator, cases["b"])
        assert not can_get(cast.a_operator, cases["county"])

    def test_a_county_director_reads_every_township(self, cast, cases):
        for case in cases.values():
            assert can_get(cast.county_director, case)

    @pytest.mark.parametrize("who", ["auditor", "liaison", "county_leader"])
    def test_roles_without_case_access_get_404(self, cast, cases, who):
        for case in cases.values():
            assert not can_get(getattr(cast, who), case)

    def test_a_leader_sees_escalated_cases_of_their_area_only(self, cast, cases):
        Case.objects.filter(pk__in=[cases["a"].pk, cases["b"].pk]).update(escalation_step=2)
        Case.objects.filter(pk=cases["county"].pk).update(escalation_step=1)  # only reminded
        assert visible(cast.county_leader, cases) == {"a", "b"}
        town_leader = User.objects.create_user(
            username="a_leader", role="leader", jurisdiction=cast.township_a
        )
        assert visible(town_leader, cases) == {"a"}

    def test_a_handler_loses_the_case_when_it_is_transferred(self, cast, cases):
        case_transfer(
            case=cases["a"],
            actor=cast.a_handler,
            department=cast.a_environment,
            reason="属环保问题",
        )
        assert not can_get(cast.a_handler, cases["a"])
        assert can_get(cast.a_env_handler, cases["a"])

    def test_inactive_and_anonymous_users_see_nothing(self, cast, cases):
        cast.county_director.is_active = False
        cast.county_director.save()
        assert visible(cast.county_director, cases) == set()
        assert not can_get(AnonymousUser(), cases["a"])

    def test_staff_without_a_unit_see_nothing(self, cases):
        admin = User.objects.create_user(username="admin", role="admin")
        assert visible(admin, cases) == set()

    @pytest.mark.parametrize("bad_id", [0, 10**9, "abc", None])
    def test_a_missing_or_malformed_id_is_404(self, cast, cases, bad_id):
        with pytest.raises(Http404):
            case_get_for_user(user=cast.county_director, case_id=bad_id)


class TestServicesEnforceTheScope:
    """The same line holds for writes: no service lets another township touch a case."""

    def test_another_townships_handler_cannot_act(self, cast, cases):
        case = cases["a"]
        attempts = [
            lambda: case_accept(case=case, actor=cast.b_handler),
            lambda: case_decline(case=case, actor=cast.b_handler, reason="不属于本镇"),
            lambda: case_transfer(
                case=case, actor=cast.b_handler, department=cast.b_labour, reason="拿走"
            ),
            lambda: case_add_note(case=case, actor=cast.b_handler, note="看看"),
        ]
        for attempt in attempts:
            with unchanged(case), pytest.raises(PermissionDenied):
                attempt()

    def test_nor_once_the_case_is_being_worked(self, cast, cases):
        case = case_accept(case=cases["a"], actor=cast.a_handler)
        case = case_start(case=case, actor=cast.a_handler)
        attempts = [
            lambda: case_extend(case=case, actor=cast.b_handler, days=5, reason="需要时间"),
            lambda: case_pause(case=case, actor=cast.b_handler, reason="等待"),
            lambda: case_resolve(case=case, actor=cast.b_handler, answer="已处理"),
            lambda: case_resolve(case=case, actor=cast.b_director, answer="已处理"),
            lambda: case_resolve(case=case, actor=cast.a_env_handler, answer="已处理"),
            lambda: case_resolve(case=case, actor=cast.county_leader, answer="已处理"),
        ]
        for attempt in attempts:
            with unchanged(case), pytest.raises(PermissionDenied):
                attempt()

    def test_a_county_director_can_act_on_a_township_case(self, cast, cases):
        case = case_accept(case=cases["a"], actor=cast.county_director)
        case = case_resolve(case=case, actor=cast.county_director, answer="县里督促解决。")
        case = case_close(case=case, actor=cast.county_director)
        assert case.status == CaseStatus.CLOSED
        actors = set(case.events.exclude(kind=EventKind.SUBMITTED).values_list("actor", flat=True))
        assert actors == {cast.county_director.pk}


class TestQueue:
    def test_open_cases_in_scope_soonest_due_first(self, cast):
        with frozen_at(local_time(2025, 3, 5)):
            later = submit_case(jurisdiction=cast.village_a, title="后到")
        with frozen_at(local_time(2025, 3, 3)):
            sooner = submit_case(jurisdiction=cast.village_a, title="先到")
            done = submit_case(jurisdiction=cast.village_a, title="已拒绝")
            case_decline(case=done, actor=cast.a_handler, reason="已由法院受理")
            submit_case(jurisdiction=cast.village_b, title="西村")
        assert case_queue(user=cast.a_handler) == [sooner, later]
        assert case_queue(user=cast.a_handler, limit=1, offset=1) == [later]
        assert case_queue(user=cast.a_handler, statuses=frozenset({CaseStatus.DECLINED})) == [done]
        assert case_queue(user=cast.auditor) == []

    def test_the_queue_is_one_query(self, cast, django_assert_num_queries):
        with frozen_at(local_time(2025, 3, 3)):
            for _ in range(5):
                submit_case(jurisdiction=cast.village_a)
        director = User.objects.select_related("jurisdiction").get(pk=cast.a_director.pk)
        with django_assert_num_queries(1):
            queue = case_queue(user=director)
            for case in queue:
                assert case.category.name and case.department.name and case.jurisdiction.name
        assert len(queue) == 5

    def test_filter_by_category(self, cast, cases):
        from redress.cases.models import Category

        with frozen_at(local_time(2025, 3, 3)):
            pollution = submit_case(jurisdiction=cast.village_a, category_code="pollution")
        polluting = Category.objects.get(code="pollution")
        assert case_queue(user=cast.a_director, category_id=polluting.pk) == [pollution]


class TestPublicReads:
    def test_a_tracking_code_is_forgiving(self, cast, cases):
        case = cases["a"]
        code = case.tracking_code
        assert case_get_by_tracking_code(tracking_code=code) == case
        assert case_get_by_tracking_code(tracking_code=case.display_code.lower()) == case
        spoken = f" {code[:4]} {code[4:8]}-{code[8:]} ".replace("0", "o").replace("1", "l")
        assert case_get_by_tracking_code(tracking_code=spoken) == case
        assert case_get_by_tracking_code(tracking_code="nonsense") is None
        assert case_get_by_tracking_code(tracking_code="") is None

    def test_the_public_timeline_hides_internal_steps(self, cast, cases):
        case = case_accept(case=cases["a"], actor=cast.a_handler)
        case_add_note(case=case, actor=cast.a_handler, note="申请人情绪激动，需耐心解释")
        public = [event.kind for event in case_timeline(case=case, public_only=True)]
        everything = [event.kind for event in case_timeline(case=case)]
        assert public == [EventKind.SUBMITTED, EventKind.ACCEPTED]
        assert everything == [EventKind.SUBMITTED, EventKind.ACCEPTED, EventKind.NOTE]

    def test_only_active_categories_are_offered(self, db):
        from redress.cases.models import Category

        Category.objects.filter(code="other").update(is_active=False)
        codes = list(category_list_active().values_list("code", flat=True))
        assert "other" not in codes
        assert codes[0] == "wage-arrears"


def test_cases_follow_a_township_moved_to_another_county(cast, cases):
    other_county = Jurisdiction.objects.create(name_zh="邻县", level=Level.COUNTY, parent=cast.city)
    other_director = User.objects.create_user(
        username="other_director", role="director", jurisdiction=other_county
    )
    cast.township_a.parent = other_county
    cast.township_a.save()
    cast.village_a.refresh_from_db()
    cases["a"].refresh_from_db()
    assert cases["a"].jurisdiction_path == cast.village_a.path
    assert cases["a"].jurisdiction_path.startswith(other_county.path)
    assert can_get(other_director, cases["a"])
    assert not can_get(cast.county_director, cases["a"])
    assert can_get(cast.a_director, cases["a"])
    assert can_get(cast.county_director, cases["b"])
    assert not can_get(other_director, cases["b"])

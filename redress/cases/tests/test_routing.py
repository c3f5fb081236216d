"""Which department a grievance goes to."""

import pytest

from redress.cases.models import Category, RoutingRule
from redress.cases.services import route_department
from redress.cases.testing import submit_case
from redress.core.errors import DomainError
from redress.orgs.models import Department, DepartmentKind, Jurisdiction, Level


def category(code):
    return Category.objects.get(code=code)


def route(code, jurisdiction):
    return route_department(category=category(code), jurisdiction=jurisdiction)


class TestDefaultDepartment:
    def test_the_categorys_department_nearest_the_place(self, cast):
        assert route("wage-arrears", cast.village_a) == cast.a_labour
        assert route("wage-arrears", cast.township_a) == cast.a_labour
        assert route("wage-arrears", cast.village_b) == cast.b_labour
        assert route("wage-arrears", cast.county) == cast.county_labour

    def test_the_kind_at_a_higher_level_beats_a_nearer_complaints_office(self, cast):
        county_environment = Department.objects.create(
            jurisdiction=cast.county, kind=DepartmentKind.ENVIRONMENT, name_zh="县生态环境局"
        )
        assert route("pollution", cast.village_a) == cast.a_environment
        assert route("pollution", cast.village_b) == county_environment

    def test_without_that_kind_the_nearest_complaints_office(self, cast):
        assert route("pollution", cast.village_b) == cast.b_complaints
        assert route("land-compensation", cast.village_a) == cast.a_complaints
        assert route("land-compensation", cast.county) == cast.county_complaints
        assert route("other", cast.village_a) == cast.a_complaints

    def test_inactive_departments_are_skipped(self, cast):
        Department.objects.filter(pk=cast.a_labour.pk).update(is_active=False)
        assert route("wage-arrears", cast.village_a) == cast.county_labour
        Department.objects.filter(pk=cast.county_labour.pk).update(is_active=False)
        assert route("wage-arrears", cast.village_a) == cast.a_complaints

    def test_the_lowest_id_breaks_a_tie(self, cast):
        second = Department.objects.create(
            jurisdiction=cast.township_a,
            kind=DepartmentKind.LABOUR_INSPECTION,
            name_zh="东镇劳动二所",
        )
        assert second.pk > cast.a_labour.pk
        assert route("wage-arrears", cast.village_a) == cast.a_labour

    def test_departments_of_a_sibling_area_are_never_chosen(self, cast):
        # Township B has no environment office; township A's must not take B's grievance.
        assert route("pollution", cast.village_b) != cast.a_environment


class TestRoutingRules:
    def test_a_rule_beats_the_default(self, cast):
        RoutingRule.objects.create(
            category=category("wage-arrears"),
            jurisdiction=cast.county,
            department=cast.county_complaints,
        )
        assert route("wage-arrears", cast.village_a) == cast.county_complaints
        assert route("wage-arrears", cast.village_b) == cast.county_complaints
        assert route("labour-dispute", cast.village_a) == cast.a_complaints  # other categories

    def test_the_nearest_rule_wins(self, cast):
        wages = category("wage-arrears")
        RoutingRule.objects.create(
            category=wages, jurisdiction=cast.county, department=cast.county_labour
        )
        RoutingRule.objects.create(
            category=wages, jurisdiction=cast.township_a, department=cast.a_complaints
        )
        assert route("wage-arrears", cast.village_a) == cast.a_complaints
        assert route("wage-arrears", cast.village_b) == cast.county_labour

    def test_a_rule_for_another_area_does_not_apply(self, cast):
        RoutingRule.objects.create(
            category=category("wage-arrears"),
            jurisdiction=cast.township_b,
            department=cast.b_complaints,
        )
        assert route("wage-arrears", cast.village_a) == cast.a_labour

    def test_a_rule_to_an_inactive_department_is_ignored(self, cast):
        RoutingRule.objects.create(
            category=category("wage-arrears"),
            jurisdiction=cast.township_a,
            department=cast.a_complaints,
        )
        Department.objects.filter(pk=cast.a_complaints.pk).update(is_active=False)
        assert route("wage-arrears", cast.village_a) == cast.a_labour


def test_a_place_without_any_office_is_an_error(cast):
    elsewhere = Jurisdiction.objects.create(name_zh="别省", level=Level.PROVINCE)
    with pytest.raises(DomainError) as raised:
        route("wage-arrears", elsewhere)
    assert raised.value.field == "jurisdiction"
    assert raised.value.code == "no_route"


def test_submission_follows_the_route(cast):
    RoutingRule.objects.create(
        category=category("wage-arrears"),
        jurisdiction=cast.township_a,
        department=cast.a_complaints,
    )
    case = submit_case(jurisdiction=cast.village_a)
    assert case.department == cast.a_complaints
    assert case.holdings.get().department == cast.a_complaints

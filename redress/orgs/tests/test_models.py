"""Jurisdiction paths (the basis of every scope) and the rules a staff account must meet."""

import pytest
from django.core.exceptions import ValidationError

from redress.orgs.models import (
    LEVEL_RANK,
    Department,
    DepartmentKind,
    Jurisdiction,
    Level,
    Role,
    User,
)


def fresh(*objects):
    for each in objects:
        each.refresh_from_db()


class TestPaths:
    def test_paths_list_the_ids_from_the_root(self, cast):
        fresh(cast.province, cast.city, cast.county, cast.township_a, cast.village_a)
        assert cast.province.path == f"/{cast.province.pk}/"
        assert cast.village_a.path == (
            f"/{cast.province.pk}/{cast.city.pk}/{cast.county.pk}/"
            f"{cast.township_a.pk}/{cast.village_a.pk}/"
        )
        # Depth counts from 1 at the root, so it matches the level's rank in a regular tree.
        for place in (cast.province, cast.city, cast.county, cast.township_a, cast.village_a):
            assert place.depth == LEVEL_RANK[Level(place.level)]

    def test_ancestors_nearest_first(self, cast):
        assert cast.village_a.ancestor_ids() == [
            cast.village_a.pk,
            cast.township_a.pk,
            cast.county.pk,
            cast.city.pk,
            cast.province.pk,
        ]

    def test_a_subtree_is_one_prefix_query(self, cast):
        below_a = Jurisdiction.objects.filter(path__startswith=cast.township_a.path)
        assert set(below_a) == {cast.township_a, cast.village_a}
        below_county = Jurisdiction.objects.filter(path__startswith=cast.county.path)
        assert set(below_county) == {
            cast.county,
            cast.township_a,
            cast.township_b,
            cast.village_a,
            cast.village_b,
        }

    def test_moving_a_subtree_rewrites_every_path_below_it(self, cast):
        hamlet = Jurisdiction.objects.create(
            name_zh="东村企业", level=Level.ENTERPRISE, parent=cast.village_a
        )
        other_county = Jurisdiction.objects.create(
            name_zh="邻县", level=Level.COUNTY, parent=cast.city
        )
        untouched = {
            j.pk: j.path for j in (cast.county, cast.township_b, cast.village_b, cast.province)
        }

        cast.township_a.parent = other_county
        cast.township_a.save()

        fresh(cast.township_a, cast.village_a, hamlet)
        assert cast.township_a.path == f"{other_county.path}{cast.township_a.pk}/"
        assert cast.village_a.path == f"{cast.township_a.path}{cast.village_a.pk}/"
        assert hamlet.path == f"{cast.village_a.path}{hamlet.pk}/"
        assert cast.village_a.ancestor_ids()[2] == other_county.pk
        for pk, path in untouched.items():
            assert Jurisdiction.objects.get(pk=pk).path == path
        assert set(Jurisdiction.objects.filter(path__startswith=other_county.path)) == {
            other_county,
            cast.township_a,
            cast.village_a,
            hamlet,
        }
        assert not Jurisdiction.objects.filter(
            path__startswith=cast.county.path, pk=cast.village_a.pk
        ).exists()

    def test_moving_does_not_touch_a_sibling_whose_id_shares_a_prefix(self, cast):
        # "/1/2/3/" must not be taken for a prefix of "/1/2/30/".
        siblings = [
            Jurisdiction.objects.create(name_zh=f"镇{n}", level=Level.TOWNSHIP, parent=cast.county)
            for n in range(12)
        ]
        moved = siblings[0]
        others = {s.pk: s.path for s in siblings[1:]}
        moved.parent = Jurisdiction.objects.create(
            name_zh="邻县", level=Level.COUNTY, parent=cast.city
        )
        moved.save()
        for pk, path in others.items():
            assert Jurisdiction.objects.get(pk=pk).path == path

    def test_saving_without_moving_changes_nothing(self, cast):
        before = dict(Jurisdiction.objects.values_list("pk", "path"))
        cast.township_a.name_en = "East Township"
        cast.township_a.save()
        assert dict(Jurisdiction.objects.values_list("pk", "path")) == before


class TestJurisdictionClean:
    def test_a_child_sits_below_its_parent(self, cast):
        Jurisdiction(name_zh="新村", level=Level.VILLAGE, parent=cast.township_a).full_clean()
        for level in (Level.TOWNSHIP, Level.COUNTY, Level.PROVINCE):
            with pytest.raises(ValidationError) as raised:
                Jurisdiction(name_zh="错", level=level, parent=cast.township_a).full_clean()
            assert "parent" in raised.value.message_dict

    def test_enterprises_attach_anywhere(self, cast):
        for parent in (cast.province, cast.county, cast.village_a):
            Jurisdiction(name_zh="某厂", level=Level.ENTERPRISE, parent=parent).full_clean()

    def test_not_below_itself(self, cast):
        cast.county.parent = cast.village_a
        with pytest.raises(ValidationError) as raised:
            cast.county.full_clean()
        assert "parent" in raised.value.message_dict
        cast.county.parent = cast.county
        with pytest.raises(ValidationError):
            cast.county.full_clean()

    def test_a_root_needs_no_parent(self, db):
        Jurisdiction(name_zh="某省", level=Level.PROVINCE).full_clean()


class TestUserClean:
    def staff(self, **fields):
        return User(username="new_staff", **fields)

    def test_a_handler_belongs_to_a_department(self, cast):
        with pytest.raises(ValidationError) as raised:
            self.staff(role=Role.HANDLER, jurisdiction=cast.township_a).clean()
        assert "department" in raised.value.message_dict
        self.staff(
            role=Role.HANDLER, jurisdiction=cast.township_a, department=cast.a_labour
        ).clean()

    @pytest.mark.parametrize(
        "role", [Role.OPERATOR, Role.LIAISON, Role.DIRECTOR, Role.LEADER, Role.AUDITOR]
    )
    def test_staff_with_a_role_belong_to_a_unit(self, db, role):
        with pytest.raises(ValidationError) as raised:
            self.staff(role=role).clean()
        assert "jurisdiction" in raised.value.message_dict

    def test_an_administrator_needs_no_unit(self, db):
        self.staff(role=Role.ADMINISTRATOR).clean()
        self.staff().clean()

    def test_the_department_is_in_the_users_jurisdiction(self, cast):
        with pytest.raises(ValidationError) as raised:
            self.staff(
                role=Role.HANDLER, jurisdiction=cast.township_b, department=cast.a_labour
            ).clean()
        assert "department" in raised.value.message_dict

    def test_the_cast_is_valid(self, cast):
        for user in User.objects.all():
            user.clean()

    def test_display_name_falls_back_to_username(self, db):
        assert str(User(username="zhang")) == "zhang"
        assert str(User(username="zhang", display_name="张科长")) == "张科长"


def test_department_names_are_unique_within_a_jurisdiction(cast):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.create(
            jurisdiction=cast.township_a, kind=DepartmentKind.OTHER, name_zh="东镇劳动保障所"
        )
    Department.objects.create(
        jurisdiction=cast.township_b, kind=DepartmentKind.OTHER, name_zh="东镇劳动保障所"
    )

"""The standard cast for tests: a small county with two townships, their departments and a
user per role. Tests build on it instead of making their own organisations."""

from __future__ import annotations

from dataclasses import dataclass

from redress.orgs.models import Department, DepartmentKind, Jurisdiction, Level, Role, User

PASSWORD = "redress-test-pass"


@dataclass
class Cast:
    province: Jurisdiction
    city: Jurisdiction
    county: Jurisdiction
    township_a: Jurisdiction
    township_b: Jurisdiction
    village_a: Jurisdiction
    village_b: Jurisdiction
    county_complaints: Department
    county_labour: Department
    a_complaints: Department
    a_labour: Department
    a_environment: Department
    b_complaints: Department
    b_labour: Department
    county_director: User
    a_director: User
    a_operator: User
    a_handler: User  # labour inspection, township A
    a_env_handler: User
    b_handler: User  # labour inspection, township B
    b_director: User
    county_leader: User
    auditor: User
    liaison: User


def _user(
    username: str, role: str, jurisdiction: Jurisdiction, department: Department | None = None
) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        jurisdiction=jurisdiction,
        department=department,
        display_name=username,
    )
    return user


def build_cast() -> Cast:
    province = Jurisdiction.objects.create(
        name_zh="示范省", name_en="Demo Province", level=Level.PROVINCE
    )
    city = Jurisdiction.objects.create(
        name_zh="示范市", name_en="Demo City", level=Level.CITY, parent=province
    )
    county = Jurisdiction.objects.create(
        name_zh="示范县", name_en="Demo County", level=Level.COUNTY, parent=city
    )
    township_a = Jurisdiction.objects.create(
        name_zh="东镇", name_en="East Town", level=Level.TOWNSHIP, parent=county
    )
    township_b = Jurisdiction.objects.create(
        name_zh="西镇", name_en="West Town", level=Level.TOWNSHIP, parent=county
    )
    village_a = Jurisdiction.objects.create(
        name_zh="东村", name_en="East Village", level=Level.VILLAGE, parent=township_a
    )
    village_b = Jurisdiction.objects.create(
        name_zh="西村", name_en="West Village", level=Level.VILLAGE, parent=township_b
    )

    def dept(jurisdiction: Jurisdiction, kind: str, zh: str, en: str) -> Department:
        return Department.objects.create(
            jurisdiction=jurisdiction, kind=kind, name_zh=zh, name_en=en
        )

    county_complaints = dept(
        county, DepartmentKind.COMPLAINTS_OFFICE, "县信访局", "County complaints office"
    )
    county_labour = dept(
        county, DepartmentKind.LABOUR_INSPECTION, "县劳动监察大队", "County labour inspection"
    )
    a_complaints = dept(
        township_a, DepartmentKind.COMPLAINTS_OFFICE, "东镇信访办", "East Town complaints office"
    )
    a_labour = dept(
        township_a, DepartmentKind.LABOUR_INSPECTION, "东镇劳动保障所", "East Town labour office"
    )
    a_environment = dept(
        township_a, DepartmentKind.ENVIRONMENT, "东镇环保办", "East Town environment office"
    )
    b_complaints = dept(
        township_b, DepartmentKind.COMPLAINTS_OFFICE, "西镇信访办", "West Town complaints office"
    )
    b_labour = dept(
        township_b, DepartmentKind.LABOUR_INSPECTION, "西镇劳动保障所", "West Town labour office"
    )
    return Cast(
        province=province,
        city=city,
        county=county,
        township_a=township_a,
        township_b=township_b,
        village_a=village_a,
        village_b=village_b,
        county_complaints=county_complaints,
        county_labour=county_labour,
        a_complaints=a_complaints,
        a_labour=a_labour,
        a_environment=a_environment,
        b_complaints=b_complaints,
        b_labour=b_labour,
        county_director=_user("county_director", Role.DIRECTOR, county, county_complaints),
        a_director=_user("a_director", Role.DIRECTOR, township_a, a_complaints),
        a_operator=_user("a_operator", Role.OPERATOR, township_a, a_complaints),
        a_handler=_user("a_handler", Role.HANDLER, township_a, a_labour),
        a_env_handler=_user("a_env_handler", Role.HANDLER, township_a, a_environment),
        b_handler=_user("b_handler", Role.HANDLER, township_b, b_labour),
        b_director=_user("b_director", Role.DIRECTOR, township_b, b_complaints),
        county_leader=_user("county_leader", Role.LEADER, county),
        auditor=_user("auditor", Role.AUDITOR, county),
        liaison=_user("liaison", Role.LIAISON, village_a),
    )

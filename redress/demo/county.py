"""The demo county: 示范省 > 示范市 > 青山县, twelve townships of seven villages each, laid out on
a grid around 30.2 N 120.1 E, every department a county and a township have, the national
holidays, and a member of staff at every desk."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from redress.cases.models import Category
from redress.clocks.models import CalendarDay
from redress.core.refcache import reference_changed
from redress.demo.holidays import holiday_days
from redress.orgs.models import Department, DepartmentKind, Jurisdiction, Level, Role, User

PASSWORD = "redress-demo"
COUNTY_CODE = "990121000000"
# Categories whose answers are about shared places and services, not about one family's
# wages or home: the demo office publishes these answers (Open311) unless a handler chooses
# otherwise, and keeps the others to the complainant.
PUBLIC_ANSWER_CATEGORIES = ("pollution", "work-safety", "public-services", "housing-property")

# The county spans about 44 km north to south and 46 km east to west.
SOUTH, NORTH = 30.0, 30.4
WEST, EAST = 119.86, 120.34
TOWNSHIP_ROWS, TOWNSHIP_COLUMNS = 3, 4
VILLAGE_ROWS, VILLAGE_COLUMNS = 2, 4
VILLAGES_PER_TOWNSHIP = 7
TOWNSHIP_HEIGHT = (NORTH - SOUTH) / TOWNSHIP_ROWS
TOWNSHIP_WIDTH = (EAST - WEST) / TOWNSHIP_COLUMNS
VILLAGE_HEIGHT = TOWNSHIP_HEIGHT / VILLAGE_ROWS
VILLAGE_WIDTH = TOWNSHIP_WIDTH / VILLAGE_COLUMNS


@dataclass(frozen=True)
class TownshipSpec:
    stem_zh: str
    stem_en: str
    suffix_zh: str  # 镇, 乡 or 街道
    row: int
    column: int

    @property
    def suffix_en(self) -> str:
        return {"镇": "Town", "乡": "Township", "街道": "Subdistrict"}[self.suffix_zh]

    @property
    def is_urban(self) -> bool:
        return self.suffix_zh == "街道"


# The first two are the townships of the featured logins (town_director, handler, handler2).
TOWNSHIPS: tuple[TownshipSpec, ...] = (
    TownshipSpec("桥头", "Qiaotou", "镇", 1, 3),
    TownshipSpec("青石", "Qingshi", "镇", 0, 2),
    TownshipSpec("柳溪", "Liuxi", "乡", 1, 0),
    TownshipSpec("城关", "Chengguan", "镇", 2, 1),
    TownshipSpec("白沙", "Baisha", "镇", 2, 0),
    TownshipSpec("松岭", "Songling", "乡", 0, 1),
    TownshipSpec("东河", "Donghe", "镇", 2, 2),
    TownshipSpec("龙泉", "Longquan", "镇", 2, 3),
    TownshipSpec("石门", "Shimen", "乡", 0, 0),
    TownshipSpec("枫林", "Fenglin", "镇", 0, 3),
    TownshipSpec("新塘", "Xintang", "街道", 1, 1),
    TownshipSpec("凤凰", "Fenghuang", "街道", 1, 2),
)

VILLAGE_STEMS: tuple[tuple[str, str], ...] = (
    ("上湾", "Shangwan"), ("下湾", "Xiawan"), ("陈家坞", "Chenjiawu"), ("李家桥", "Lijiaqiao"),
    ("周家畈", "Zhoujiafan"), ("黄泥岭", "Huangniling"), ("石塘", "Shitang"),
    ("枫树湾", "Fengshuwan"), ("竹园", "Zhuyuan"), ("杨梅岭", "Yangmeiling"), ("大坞", "Dawu"),
    ("小溪口", "Xiaoxikou"), ("前山", "Qianshan"), ("后畈", "Houfan"),
    ("新埠", "Xinbu"), ("桃源", "Taoyuan"), ("樟树", "Zhangshu"), ("王家埠", "Wangjiabu"),
    ("何家山", "Hejiashan"), ("沈家湾", "Shenjiawan"), ("金鸡", "Jinji"),
    ("凤岭", "Fengling"), ("龙潭", "Longtan"), ("白石", "Baishi"), ("青溪", "Qingxi"),
    ("梅园", "Meiyuan"), ("荷花塘", "Hehuatang"), ("长岭", "Changling"),
    ("横山", "Hengshan"), ("高桥", "Gaoqiao"), ("东山", "Dongshan"), ("西坞", "Xiwu"),
    ("南庄", "Nanzhuang"), ("北塘", "Beitang"), ("茶山", "Chashan"),
    ("松树坪", "Songshuping"), ("双溪", "Shuangxi"), ("三联", "Sanlian"), ("五星", "Wuxing"),
    ("红旗", "Hongqi"), ("团结", "Tuanjie"), ("光明", "Guangming"),
    ("永丰", "Yongfeng"), ("丰收", "Fengshou"), ("新民", "Xinmin"), ("和平", "Heping"),
    ("胜利", "Shengli"), ("联合", "Lianhe"), ("兴隆", "Xinglong"),
    ("太平", "Taiping"), ("安乐", "Anle"), ("万福", "Wanfu"), ("徐家堰", "Xujiayan"),
    ("吴家坪", "Wujiaping"), ("朱家店", "Zhujiadian"), ("孙家埭", "Sunjiadai"),
    ("许家坞", "Xujiawu"), ("马家畈", "Majiafan"), ("郑家岙", "Zhengjia'ao"),
    ("范家塘", "Fanjiatang"), ("叶家桥", "Yejiaqiao"), ("方家山", "Fangjiashan"),
    ("俞家湾", "Yujiawan"),
    ("楼下", "Louxia"), ("岭脚", "Lingjiao"), ("溪头", "Xitou"), ("塘下", "Tangxia"),
    ("山口", "Shankou"), ("水口", "Shuikou"), ("岩头", "Yantou"),
)  # fmt: skip

COMMUNITY_STEMS: tuple[tuple[str, str], ...] = (
    ("锦绣", "Jinxiu"), ("文昌", "Wenchang"), ("春江", "Chunjiang"), ("嘉禾", "Jiahe"),
    ("振兴", "Zhenxing"), ("银湖", "Yinhu"), ("翠竹", "Cuizhu"),
    ("桥东", "Qiaodong"), ("河西", "Hexi"), ("民主", "Minzhu"), ("石桥", "Shiqiao"),
    ("柏树", "Baishu"), ("望江", "Wangjiang"), ("东门", "Dongmen"),
)  # fmt: skip

# (kind, county name, county name in English, township name, township name in English)
DEPARTMENTS: tuple[tuple[str, str, str, str, str], ...] = (
    (DepartmentKind.COMPLAINTS_OFFICE, "信访局", "Complaints Bureau", "信访办",
     "complaints office"),
    (DepartmentKind.LABOUR_INSPECTION, "劳动保障监察大队", "Labour Inspection Brigade",
     "劳动保障所", "labour office"),
    (DepartmentKind.HUMAN_RESOURCES, "人力资源和社会保障局",
     "Human Resources and Social Security Bureau", "社保服务中心", "social security centre"),
    (DepartmentKind.NATURAL_RESOURCES, "自然资源和规划局",
     "Natural Resources and Planning Bureau", "自然资源所", "natural resources office"),
    (DepartmentKind.HOUSING, "住房和城乡建设局", "Housing and Urban-Rural Development Bureau",
     "村镇建设办", "construction office"),
    (DepartmentKind.ENVIRONMENT, "生态环境分局", "Ecology and Environment Branch",
     "生态环境办", "environment office"),
    (DepartmentKind.WORK_SAFETY, "应急管理局", "Emergency Management Bureau", "应急管理办",
     "emergency management office"),
    (DepartmentKind.JUDICIAL, "司法局", "Justice Bureau", "司法所", "justice office"),
    (DepartmentKind.HEALTH, "卫生健康局", "Health Bureau", "卫生健康办", "health office"),
    (DepartmentKind.EDUCATION, "教育局", "Education Bureau", "教育办", "education office"),
    (DepartmentKind.CIVIL_AFFAIRS, "民政局", "Civil Affairs Bureau", "民政办",
     "civil affairs office"),
    (DepartmentKind.MARKET, "市场监督管理局", "Market Regulation Bureau", "市场监管所",
     "market regulation office"),
    (DepartmentKind.TRANSPORT, "交通运输局", "Transport Bureau", "交通管理站",
     "transport office"),
    (DepartmentKind.DISCIPLINE, "纪委监委", "Commission for Discipline Inspection", "纪委",
     "discipline inspection committee"),
)  # fmt: skip

# Staff are fictional: a common surname and a common given name, drawn at random.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余叶程魏苏吕丁沈"
)
GIVEN_NAMES = (
    "建国", "志强", "海燕", "丽华", "晓东", "文静", "国平", "春梅", "伟", "敏", "磊", "静",
    "洁", "涛", "军", "芳", "勇", "艳", "杰", "娟", "明", "霞", "刚", "建华", "立新",
    "卫东", "晓燕", "丹", "慧", "婷", "浩", "宇", "鹏", "晨", "琳", "雪", "佳", "斌", "欣",
)  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    username: str
    what: str  # shown next to the login in `demo_logins`


# The logins a visitor is told about; every other member of staff has the same password.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("director", "county office director: sees every case in the county"),
    DemoLogin("town_director", "director of 桥头镇 (Qiaotou Town)"),
    DemoLogin("operator", "intake operator at the county complaints bureau"),
    DemoLogin("handler", "case handler, 桥头镇 labour office"),
    DemoLogin("handler2", "case handler, 青石镇 labour office"),
    DemoLogin("leader", "county leader: receives escalated cases"),
    DemoLogin("auditor", "auditor: audit log and scores"),
    DemoLogin("liaison", "community liaison for 上湾村"),
    DemoLogin("admin", "administrator (Django superuser)"),
)


@dataclass
class DemoCounty:
    province: Jurisdiction
    city: Jurisdiction
    county: Jurisdiction
    townships: list[Jurisdiction]
    villages: list[Jurisdiction]
    departments: dict[tuple[int, str], Department] = field(default_factory=dict)
    directors: dict[int, User] = field(default_factory=dict)  # by jurisdiction id
    handlers: dict[int, User] = field(default_factory=dict)  # by department id
    staff: dict[str, User] = field(default_factory=dict)  # the featured logins, by username

    def department(self, jurisdiction: Jurisdiction, kind: str) -> Department:
        return self.departments[(jurisdiction.pk, kind)]

    def director_for(self, jurisdiction_id: int) -> User:
        return self.directors[jurisdiction_id]


def demo_exists() -> bool:
    return Jurisdiction.objects.filter(code=COUNTY_CODE, level=Level.COUNTY).exists()


def _rectangle(south: float, west: float, north: float, east: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Polygon",
        "coordinates": [[[round(lon, 5), round(lat, 5)] for lon, lat in ring]],
    }


def _place(
    *,
    name_zh: str,
    name_en: str,
    level: str,
    parent: Jurisdiction | None,
    code: str,
    bounds: tuple[float, float, float, float],
) -> Jurisdiction:
    south, west, north, east = bounds
    return Jurisdiction.objects.create(
        name_zh=name_zh,
        name_en=name_en,
        level=level,
        parent=parent,
        code=code,
        latitude=round((south + north) / 2, 5),
        longitude=round((west + east) / 2, 5),
        boundary_geojson=_rectangle(south, west, north, east),
    )


def _villages(township: Jurisdiction, spec: TownshipSpec, index: int) -> list[Jurisdiction]:
    south = SOUTH + spec.row * TOWNSHIP_HEIGHT
    west = WEST + spec.column * TOWNSHIP_WIDTH
    if spec.is_urban:
        urban_index = sum(1 for other in TOWNSHIPS[:index] if other.is_urban)
        start = urban_index * VILLAGES_PER_TOWNSHIP
        stems = COMMUNITY_STEMS[start : start + VILLAGES_PER_TOWNSHIP]
        suffix_zh, suffix_en = "社区", "Community"
    else:
        rural_index = sum(1 for other in TOWNSHIPS[:index] if not other.is_urban)
        start = rural_index * VILLAGES_PER_TOWNSHIP
        stems = VILLAGE_STEMS[start : start + VILLAGES_PER_TOWNSHIP]
        suffix_zh, suffix_en = "村", "Village"
    villages = []
    for number, (stem_zh, stem_en) in enumerate(stems):
        row, column = divmod(number, VILLAGE_COLUMNS)
        # A small margin keeps neighbouring villages' boundaries from touching.
        cell_south = south + row * VILLAGE_HEIGHT + VILLAGE_HEIGHT * 0.03
        cell_west = west + column * VILLAGE_WIDTH + VILLAGE_WIDTH * 0.03
        villages.append(
            _place(
                name_zh=f"{stem_zh}{suffix_zh}",
                name_en=f"{stem_en} {suffix_en}",
                level=Level.VILLAGE,
                parent=township,
                code=f"{township.code[:9]}{201 + number:03d}",
                bounds=(
                    cell_south,
                    cell_west,
                    cell_south + VILLAGE_HEIGHT * 0.94,
                    cell_west + VILLAGE_WIDTH * 0.94,
                ),
            )
        )
    return villages


def _departments(jurisdiction: Jurisdiction, *, is_county: bool) -> list[Department]:
    departments = []
    for kind, county_zh, county_en, township_zh, township_en in DEPARTMENTS:
        if is_county:
            name_zh = f"{jurisdiction.name_zh}{county_zh}"
            name_en = f"{jurisdiction.name_en} {county_en}"
        else:
            name_zh = f"{jurisdiction.name_zh}{township_zh}"
            name_en = f"{jurisdiction.name_en} {township_en}"
        departments.append(
            Department(jurisdiction=jurisdiction, kind=kind, name_zh=name_zh, name_en=name_en)
        )
    return Department.objects.bulk_create(departments)


class _StaffMaker:
    """Makes users with one shared password hash: hashing once instead of two hundred times
    keeps seeding fast."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.password_hash = make_password(PASSWORD)
        self.pending: list[User] = []
        self.used_names: set[str] = set()

    def display_name(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def add(
        self,
        username: str,
        role: str,
        jurisdiction: Jurisdiction | None,
        department: Department | None = None,
    ) -> User:
        user = User(
            username=username,
            password=self.password_hash,
            role=role,
            jurisdiction=jurisdiction,
            department=department,
            display_name=self.display_name(),
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        self.pending.append(user)
        return user

    def save(self) -> None:
        User.objects.bulk_create(self.pending)
        self.pending = []


def _slug(jurisdiction: Jurisdiction) -> str:
    return jurisdiction.name_en.split()[0].lower().replace("'", "")


@transaction.atomic
def demo_county_build(*, seed: int = 1) -> DemoCounty:
    """Build the county, its calendar and its staff. Call on a database without the demo."""
    rng = random.Random(seed)
    province = _place(
        name_zh="示范省",
        name_en="Demo Province",
        level=Level.PROVINCE,
        parent=None,
        code="990000000000",
        bounds=(SOUTH - 1.5, WEST - 1.5, NORTH + 1.5, EAST + 1.5),
    )
    city = _place(
        name_zh="示范市",
        name_en="Demo City",
        level=Level.CITY,
        parent=province,
        code="990100000000",
        bounds=(SOUTH - 0.3, WEST - 0.4, NORTH + 0.3, EAST + 0.4),
    )
    county = _place(
        name_zh="青山县",
        name_en="Qingshan County",
        level=Level.COUNTY,
        parent=city,
        code=COUNTY_CODE,
        bounds=(SOUTH, WEST, NORTH, EAST),
    )
    demo = DemoCounty(province=province, city=city, county=county, townships=[], villages=[])
    for index, spec in enumerate(TOWNSHIPS):
        south = SOUTH + spec.row * TOWNSHIP_HEIGHT
        west = WEST + spec.column * TOWNSHIP_WIDTH
        township = _place(
            name_zh=f"{spec.stem_zh}{spec.suffix_zh}",
            name_en=f"{spec.stem_en} {spec.suffix_en}",
            level=Level.TOWNSHIP,
            parent=county,
            code=f"990121{101 + index:03d}000",
            bounds=(south, west, south + TOWNSHIP_HEIGHT, west + TOWNSHIP_WIDTH),
        )
        demo.townships.append(township)
        demo.villages.extend(_villages(township, spec, index))

    for unit in [county, *demo.townships]:
        for department in _departments(unit, is_county=unit is county):
            demo.departments[(unit.pk, department.kind)] = department

    CalendarDay.objects.bulk_create(
        CalendarDay(jurisdiction=province, date=date, kind=kind, name=name)
        for date, kind, name in holiday_days()
    )
    # The bulk inserts above send no signals; running servers must drop their caches.
    reference_changed()
    _staff(demo, rng)
    Category.objects.filter(code__in=PUBLIC_ANSWER_CATEGORIES).update(
        answers_public_by_default=True
    )
    return demo


def _staff(demo: DemoCounty, rng: random.Random) -> None:
    maker = _StaffMaker(rng)
    county = demo.county
    first, second = demo.townships[0], demo.townships[1]
    complaints = DepartmentKind.COMPLAINTS_OFFICE
    labour = DepartmentKind.LABOUR_INSPECTION

    featured = {
        "director": maker.add(
            "director", Role.DIRECTOR, county, demo.department(county, complaints)
        ),
        "town_director": maker.add(
            "town_director", Role.DIRECTOR, first, demo.department(first, complaints)
        ),
        "operator": maker.add(
            "operator", Role.OPERATOR, county, demo.department(county, complaints)
        ),
        "handler": maker.add("handler", Role.HANDLER, first, demo.department(first, labour)),
        "handler2": maker.add("handler2", Role.HANDLER, second, demo.department(second, labour)),
        "leader": maker.add("leader", Role.LEADER, county),
        "auditor": maker.add("auditor", Role.AUDITOR, county),
        "liaison": maker.add("liaison", Role.LIAISON, demo.villages[0]),
        "admin": maker.add("admin", Role.ADMINISTRATOR, None),
    }
    demo.staff = featured
    demo.directors[county.pk] = featured["director"]
    demo.directors[first.pk] = featured["town_director"]
    for township in demo.townships[1:]:
        demo.directors[township.pk] = maker.add(
            f"{_slug(township)}-director",
            Role.DIRECTOR,
            township,
            demo.department(township, complaints),
        )
    # One handler at every desk, so each step of a case is taken by someone who may take it.
    for (jurisdiction_id, kind), department in demo.departments.items():
        if (jurisdiction_id, kind) == (first.pk, labour):
            handler = featured["handler"]
        elif (jurisdiction_id, kind) == (second.pk, labour):
            handler = featured["handler2"]
        else:
            unit = department.jurisdiction
            prefix = "county" if unit.pk == county.pk else _slug(unit)
            handler = maker.add(f"{prefix}-{kind}", Role.HANDLER, unit, department)
        demo.handlers[department.pk] = handler
    maker.save()

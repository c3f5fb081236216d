"""Checking one mapped row of an import: every problem of the row, by column, or the record
ready to become a case. The same check runs for the dry run and at commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.utils import timezone
from django.utils.translation import gettext_noop

from redress.cases.models import Category, Urgency
from redress.cases.services.submission import DESCRIPTION_MAX, TITLE_MAX
from redress.core import clock
from redress.core.text import is_storable
from redress.dataio.mapping import Target
from redress.orgs.models import Jurisdiction, Level

CONTACT_TARGETS = frozenset({Target.CONTACT_NAME.value, Target.CONTACT_PHONE.value})
ADDRESS_MAX = 300
RECORD_ID_MAX = 100
CONTACT_NAME_MAX = 100
CONTACT_PHONE_MAX = 40
DERIVED_TITLE_LENGTH = 30
# Records older than this are typing errors; year 1 would not even convert to UTC.
EARLIEST_YEAR = 1900

URGENCY_WORDS = {
    "normal": Urgency.NORMAL,
    "普通": Urgency.NORMAL,
    "一般": Urgency.NORMAL,
    "常规": Urgency.NORMAL,
    "urgent": Urgency.URGENT,
    "紧急": Urgency.URGENT,
    "加急": Urgency.URGENT,
    "特急": Urgency.URGENT,
    "急": Urgency.URGENT,
}
_DATE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?(?:\.\d+)?分?秒?)?"
    r"([+-]\d{2}:?\d{2}|Z)?$"
)
_PLAIN_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?$")
_PHONE = re.compile(r"^[0-9+()\- ]{3,40}$")

# The problems a row can have; messages are msgids, translated when shown.
MESSAGES = {
    "required": gettext_noop("This field is empty."),
    "too_long": gettext_noop("Too long: at most %(max)s characters."),
    "unknown_category": gettext_noop("No category has this code or name."),
    "inactive_category": gettext_noop("This category is no longer in use."),
    "unknown_area": gettext_noop("No area has this name."),
    "ambiguous_area": gettext_noop("Several areas have this name: add the township column."),
    "outside_scope": gettext_noop("This area is outside your jurisdiction."),
    "bad_date": gettext_noop("Not a date and time (use 2026-03-01 09:30)."),
    "future_date": gettext_noop("This date is in the future."),
    "bad_urgency": gettext_noop("Urgency must be normal or urgent (普通/紧急)."),
    "bad_number": gettext_noop("Not a whole number between 1 and 1,000,000."),
    "bad_coordinates": gettext_noop("Give both latitude and longitude, within range."),
    "bad_phone": gettext_noop("Not a phone number."),
    # The msgid of redress.core.text's UNSTORABLE_MESSAGE, stored untranslated like the others.
    "unstorable": gettext_noop(
        "Text may not contain control characters (such as NUL) or invalid code points."
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str
    code: str
    detail: dict[str, int] | None = None

    @property
    def message(self) -> str:
        text = MESSAGES[self.code]
        return text % self.detail if self.detail else text


@dataclass(slots=True)
class Record:
    line: int
    key: str
    received_at: dt.datetime
    title: str
    description: str
    category: Category
    jurisdiction: Jurisdiction
    urgency: str
    location_text: str
    people_affected: int
    latitude: float | None
    longitude: float | None
    contact_name: str
    contact_phone: str


@dataclass(slots=True)
class _Cells:
    """A row's cells for each target, stripped, "" where the target is not mapped or the row
    is short; fields in the order of Target, named by its values."""

    record_id: str
    received_at: str
    title: str
    description: str
    category: str
    area: str
    township: str
    village: str
    address: str
    urgency: str
    people_affected: str
    latitude: str
    longitude: str
    contact_name: str
    contact_phone: str


assert [field.name for field in fields(_Cells)] == Target.values


def parse_datetime(text: str, tzinfo: dt.tzinfo) -> dt.datetime | None:
    """The moment `text` names, or None if it names none (Feb 30, an offset of 24 hours, a year
    before EARLIEST_YEAR)."""
    text = text.strip()
    if _PLAIN_DATE_TIME.match(text):
        # The common shape (2026-03-01 09:30[:15]) parsed in C: the pattern below gives the
        # same moment, at several times the cost.
        try:
            plain = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        return timezone.make_aware(plain, tzinfo) if plain.year >= EARLIEST_YEAR else None
    match = _DATE.match(text)
    if match is None:
        return None
    *numbers, offset = match.groups()
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in numbers)
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if year < EARLIEST_YEAR:
        return None
    if offset:
        if offset == "Z":
            return naive.replace(tzinfo=dt.UTC)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if delta >= dt.timedelta(hours=24) or int(digits[2:]) >= 60:
            return None  # +24:00 and +09:75 are no offsets (dt.timezone refuses the first)
        return naive.replace(tzinfo=dt.timezone(sign * delta))
    return timezone.make_aware(naive, tzinfo)


class RowChecker:
    """Checks rows against one mapping, for one importer's jurisdiction subtree. Reference data
    (categories, the area tree) is read once."""

    def __init__(self, *, mapping: dict[str, str], headers: list[str], scope_path: str) -> None:
        self.columns = {target: headers.index(header) for target, header in mapping.items()}
        self.headers = dict(mapping)
        self._wanted = tuple(self.columns.get(target, -1) for target in Target.values)
        self.scope_path = scope_path
        self.tzinfo = timezone.get_current_timezone()
        self.now = clock.now()
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            for name in (category.code, category.name_zh, category.name_en):
                if name:
                    self.categories.setdefault(name.strip().lower(), category)
        self.areas: dict[str, list[Jurisdiction]] = defaultdict(list)
        for area in Jurisdiction.objects.exclude(level=Level.ENTERPRISE):
            for name in {area.name_zh, area.name_en, area.code}:
                if name:
                    self.areas[name.strip().lower()].append(area)
        self._area_cache: dict[tuple[str, str, str], Jurisdiction | str] = {}

    def _cells(self, row: list[str]) -> _Cells:
        # Every cell read in one pass: a method call per cell cost a tenth of a large import.
        size = len(row)
        return _Cells(*[row[index].strip() if 0 <= index < size else "" for index in self._wanted])

    def check(self, line: int, row: list[str]) -> Record | list[Problem]:
        problems: list[Problem] = []
        cells = self._cells(row)

        def problem(target: Target, code: str, detail: dict[str, int] | None = None) -> None:
            problems.append(Problem(line, self.headers.get(target.value, ""), code, detail))

        # One search of the whole row first: nearly every row holds nothing unstorable.
        if not is_storable("\t".join(row)):
            size = len(row)
            for target, index in self.columns.items():
                if index < size and not is_storable(row[index]):
                    problem(Target(target), "unstorable")

        def text(target: Target, value: str, limit: int) -> str:
            if len(value) > limit:
                problem(target, "too_long", {"max": limit})
            return value

        record_id = text(Target.RECORD_ID, cells.record_id, RECORD_ID_MAX)
        received_text = cells.received_at
        received = parse_datetime(received_text, self.tzinfo) if received_text else None
        if not received_text:
            problem(Target.RECEIVED_AT, "required")
        elif received is None:
            problem(Target.RECEIVED_AT, "bad_date")
        elif received > self.now:
            problem(Target.RECEIVED_AT, "future_date")
        description = text(Target.DESCRIPTION, cells.description, DESCRIPTION_MAX)
        if not description:
            problem(Target.DESCRIPTION, "required")
        title = text(Target.TITLE, cells.title, TITLE_MAX) or _derived_title(description)
        category_text = cells.category
        category = self.categories.get(category_text.lower()) if category_text else None
        if not category_text:
            problem(Target.CATEGORY, "required")
        elif category is None:
            problem(Target.CATEGORY, "unknown_category")
        elif not category.is_active:
            problem(Target.CATEGORY, "inactive_category")
        area = self._area(cells)
        if isinstance(area, str):
            problem(self._place_target(cells), area)
        address = text(Target.ADDRESS, cells.address, ADDRESS_MAX)
        urgency_text = cells.urgency
        urgency = URGENCY_WORDS.get(urgency_text.lower()) if urgency_text else None
        if urgency_text and urgency is None:
            problem(Target.URGENCY, "bad_urgency")
        people = 1
        people_text = cells.people_affected
        if people_text:
            try:
                people = int(float(people_text))
            except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
                people = 0
            if not 1 <= people <= 1_000_000:
                problem(Target.PEOPLE_AFFECTED, "bad_number")
        latitude, longitude = self._coordinates(cells, problem)
        name = text(Target.CONTACT_NAME, cells.contact_name, CONTACT_NAME_MAX)
        phone = cells.contact_phone
        if phone and not _PHONE.match(phone):
            problem(Target.CONTACT_PHONE, "bad_phone")
        if problems:
            return problems
        assert received is not None and category is not None and not isinstance(area, str)
        return Record(
            line=line,
            key=record_id or self._content_key(cells),
            received_at=received,
            title=title,
            description=description,
            category=category,
            jurisdiction=area,
            urgency=urgency or category.urgency,
            location_text=address,
            people_affected=people,
            latitude=latitude,
            longitude=longitude,
            contact_name=name,
            contact_phone=phone,
        )

    def _place_target(self, cells: _Cells) -> Target:
        """The column to blame for a place problem: the most precise one filled in."""
        for target in (Target.VILLAGE, Target.TOWNSHIP, Target.AREA):
            if getattr(cells, target.value):
                return target
        return next(t for t in (Target.AREA, Target.TOWNSHIP, Target.VILLAGE) if t in self.headers)

    def _content_key(self, cells: _Cells) -> str:
        """Without a record number, a record is known by its mapped content, less the contact
        columns: a hash of a phone number is still the phone number, to anyone who tries them
        all, and it would sit outside the vault."""
        content = {
            target: getattr(cells, target)
            for target in sorted(self.columns)
            if target not in CONTACT_TARGETS
        }
        encoded = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return "sha256:" + hashlib.sha256(encoded).hexdigest()

    def _coordinates(
        self, cells: _Cells, problem: Callable[[Target, str], None]
    ) -> tuple[float | None, float | None]:
        latitude_text = cells.latitude
        longitude_text = cells.longitude
        if not latitude_text and not longitude_text:
            return None, None
        try:
            latitude, longitude = float(latitude_text), float(longitude_text)
        except ValueError:
            latitude = longitude = float("nan")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            problem(Target.LATITUDE, "bad_coordinates")
            return None, None
        return latitude, longitude

    def _area(self, cells: _Cells) -> Jurisdiction | str:
        """The row's area, or the code of the problem finding it."""
        names = (cells.area.lower(), cells.township.lower(), cells.village.lower())
        found = self._area_cache.get(names)
        if found is None:
            found = self._area_cache[names] = self._resolve(*names)
        return found

    def _resolve(self, area: str, township: str, village: str) -> Jurisdiction | str:
        within = ""
        chosen: Jurisdiction | None = None
        for name, level in ((area, None), (township, Level.TOWNSHIP), (village, Level.VILLAGE)):
            if not name:
                continue
            candidates = [
                place
                for place in self.areas.get(name, [])
                if place.path.startswith(within) and (level is None or place.level == level)
            ]
            if not candidates:
                return "unknown_area"
            inside = [place for place in candidates if place.path.startswith(self.scope_path)]
            if not inside:
                return "outside_scope"
            if len(inside) > 1:
                # An ambiguous outer name is fine when an inner column settles it.
                inner = [n for n in (township, village) if n and n != name]
                if not inner or level == Level.VILLAGE:
                    return "ambiguous_area"
                within = self.scope_path
                continue
            within = inside[0].path
            chosen = inside[0]
        return chosen if chosen is not None else "required"


def _derived_title(description: str) -> str:
    """Hotline records have no title: the first sentence of the description, shortened."""
    first = re.split(r"[。！？!?\n]", description, maxsplit=1)[0].strip() or description
    if len(first) > DERIVED_TITLE_LENGTH:
        return first[: DERIVED_TITLE_LENGTH - 1] + "…"
    return first

"""A seeded generator of believable grievances, about 70% in Chinese and 30% in English.

Each grievance is one scenario of its category (redress.demo.phrasebook) told from templates
whose slots (employer, site, months owed, head count ...) are drawn afresh, so thousands of
texts do not repeat. A `Matter` pins the slots of one underlying problem (one factory, one
failed scheme), so that several people complaining about it read as the same story."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from functools import cache

from redress.cases.services import ContactDetails
from redress.demo.phrasebook import CATEGORY_WEIGHTS, SCENARIOS, SEASONAL, Pair, Scenario
from redress.demo.phrasebook.process import ASKS, HISTORY
from redress.demo.phrasebook.slots import SLOT_MAKERS, SPOTS, count_pair

ZH = "zh"
EN = "en"
# Slots that come from where the grievance is, not from the phrasebook.
PLACE_SLOTS = frozenset({"village", "township", "place"})
# Most grievances are one person's or one family's; scenarios about a whole group are drawn
# less often, so that about one grievance in six speaks for twenty people or more.
GROUP_SCENARIO_FACTOR = 0.15

# Fictional complainants: a common surname and 先生/女士, a masked phone number.
_SURNAMES: tuple[Pair, ...] = (
    ("张", "Zhang"), ("王", "Wang"), ("李", "Li"), ("刘", "Liu"), ("陈", "Chen"),
    ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"),
    ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"),
    ("何", "He"), ("林", "Lin"), ("高", "Gao"), ("罗", "Luo"),
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Where a grievance is: a village and its township, and the village's centre."""

    village_zh: str
    village_en: str
    township_zh: str
    township_en: str
    latitude: float | None = None
    longitude: float | None = None
    # How far from the centre a point may still lie in the village, in degrees.
    spread_latitude: float = 0.0
    spread_longitude: float = 0.0

    def pairs(self) -> dict[str, Pair]:
        return {
            "village": (self.village_zh, self.village_en),
            "township": (self.township_zh, self.township_en),
            "place": (
                f"{self.township_zh}{self.village_zh}",
                f"{self.village_en}, {self.township_en}",
            ),
        }


@dataclass(frozen=True)
class Matter:
    """One underlying problem that several grievances are about."""

    category_code: str
    scenario: Scenario
    count: int
    pairs: dict[str, Pair]


@dataclass(frozen=True)
class Grievance:
    category_code: str
    language: str
    scenario: Scenario
    title: str
    description: str
    location_text: str
    people_affected: int
    latitude: float | None
    longitude: float | None
    count: int
    pairs: dict[str, Pair] = field(repr=False)

    @property
    def is_group(self) -> bool:
        return self.people_affected >= 20


class _Slots(dict[str, str]):
    """The slot values of one text in one language. A slot is drawn the first time a template
    asks for it and kept, in both languages, so the answer can speak of the same employer."""

    def __init__(
        self, rng: random.Random, pairs: dict[str, Pair], language: str, count: int
    ) -> None:
        super().__init__()
        self._rng = rng
        self._pairs = pairs
        self._index = 0 if language == ZH else 1
        self._count = count

    def __missing__(self, key: str) -> str:
        pair = self._pairs.get(key)
        if pair is None:
            if key == "n":
                pair = count_pair(self._count, self._rng)
            else:
                pair = SLOT_MAKERS[key](self._rng, self._count)
            self._pairs[key] = pair
        value = pair[self._index]
        self[key] = value
        return value


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _template_slots(scenario: Scenario) -> frozenset[str]:
    names: set[str] = set()
    for phrases in (scenario.zh, scenario.en):
        for template in (*phrases.titles, *phrases.openings, *phrases.details, *phrases.answers):
            names.update(name for _, name, _, _ in string.Formatter().parse(template) if name)
    return frozenset(names)


class GrievanceGenerator:
    def __init__(self, seed: int = 1, *, english_share: float = 0.3) -> None:
        self.rng = random.Random(seed)
        self.english_share = english_share
        codes = list(CATEGORY_WEIGHTS)
        self._categories = codes
        self._weights_by_month = {
            month: [
                CATEGORY_WEIGHTS[code] * SEASONAL.get(code, {}).get(month, 1.0) for code in codes
            ]
            for month in range(1, 13)
        }

    # -- choosing --------------------------------------------------------------------------

    def category_code(self, *, month: int | None = None) -> str:
        weights = self._weights_by_month[month or 4]
        return self.rng.choices(self._categories, weights)[0]

    def language(self) -> str:
        return EN if self.rng.random() < self.english_share else ZH

    def _scenario(self, category_code: str, *, group_only: bool = False) -> Scenario:
        scenarios = SCENARIOS[category_code]
        if group_only:
            scenarios = tuple(s for s in scenarios if not s.is_individual) or scenarios
        weights = [
            s.weight * (1.0 if s.is_individual else GROUP_SCENARIO_FACTOR) for s in scenarios
        ]
        return self.rng.choices(scenarios, weights)[0]

    def _count(self, scenario: Scenario) -> int:
        low, high = scenario.count
        # Log-uniform: small groups are common, very large ones rare.
        return round(low * (high / low) ** self.rng.random())

    def _people(self, scenario: Scenario, count: int) -> int:
        low, high = scenario.people_per_count
        if scenario.is_individual:
            # One person, sometimes with their family.
            return low + int((high - low + 1) * self.rng.random() ** 2)
        return max(1, round(count * self.rng.uniform(low, high)))

    # -- writing ---------------------------------------------------------------------------

    def matter(self, *, category_code: str) -> Matter:
        """A problem many people share, for a cluster of grievances about one thing."""
        scenario = self._scenario(category_code, group_only=True)
        count = self._count(scenario)
        # Sorted: the order of drawing must not depend on string hashing, or one seed would
        # give different demos in different processes.
        pairs = {
            name: SLOT_MAKERS[name](self.rng, count)
            for name in sorted(_template_slots(scenario))
            if name not in PLACE_SLOTS and name in SLOT_MAKERS
        }
        return Matter(category_code=category_code, scenario=scenario, count=count, pairs=pairs)

    def grievance(
        self,
        *,
        place: Place,
        category_code: str | None = None,
        month: int | None = None,
        language: str | None = None,
        matter: Matter | None = None,
    ) -> Grievance:
        rng = self.rng
        if matter is not None:
            category_code, scenario, count = matter.category_code, matter.scenario, matter.count
            pairs = {**matter.pairs, **place.pairs()}
        else:
            category_code = category_code or self.category_code(month=month)
            scenario = self._scenario(category_code)
            count = self._count(scenario)
            pairs = place.pairs()
        language = language or self.language()
        slots = _Slots(rng, pairs, language, count)
        phrases = scenario.zh if language == ZH else scenario.en

        title = rng.choice(phrases.titles).format_map(slots)
        sentences = [rng.choice(phrases.openings)]
        sentences += rng.sample(phrases.details, k=min(len(phrases.details), rng.choice((1, 1, 2))))
        index = 0 if language == ZH else 1
        if rng.random() < 0.4:
            sentences.append(rng.choice(HISTORY)[index])
        if rng.random() < 0.8:
            sentences.append(rng.choice(ASKS)[index])
        parts = [s.format_map(slots) for s in sentences]
        if language == ZH:
            description = "".join(parts)
        else:
            title = _capitalised(title)
            description = " ".join(_capitalised(part) for part in parts)

        latitude = longitude = None
        if place.latitude is not None and place.longitude is not None and rng.random() < 0.65:
            latitude = round(place.latitude + rng.uniform(-0.8, 0.8) * place.spread_latitude, 6)
            longitude = round(place.longitude + rng.uniform(-0.8, 0.8) * place.spread_longitude, 6)
        return Grievance(
            category_code=category_code,
            language=language,
            scenario=scenario,
            title=title,
            description=description,
            location_text=self._location(place, pairs, language),
            people_affected=self._people(scenario, count),
            latitude=latitude,
            longitude=longitude,
            count=count,
            pairs=pairs,
        )

    def _location(self, place: Place, pairs: dict[str, Pair], language: str) -> str:
        spot = pairs.get("spot")
        if spot is None and self.rng.random() < 0.4:
            spot = self.rng.choice(SPOTS)
        if language == ZH:
            return f"{place.township_zh}{place.village_zh}" + (f"{spot[0]}附近" if spot else "")
        where = f"{place.village_en}, {place.township_en}"
        return f"Near {spot[1]}, {where}" if spot else where

    def answer(self, grievance: Grievance) -> str:
        """The office's written answer, about the same employer, site or estate."""
        phrases = grievance.scenario.zh if grievance.language == ZH else grievance.scenario.en
        slots = _Slots(self.rng, grievance.pairs, grievance.language, grievance.count)
        text = self.rng.choice(phrases.answers).format_map(slots)
        return text if grievance.language == ZH else _capitalised(text)

    def note(self, pool: tuple[Pair, ...], language: str, **extra: Pair) -> str:
        """A step's note from one of redress.demo.phrasebook.process's pools."""
        index = 0 if language == ZH else 1
        template = self.rng.choice(pool)[index]
        return template.format_map({key: pair[index] for key, pair in extra.items()})

    def contact(self, *, place: Place, language: str) -> ContactDetails:
        """Invented contact details: a surname with 先生/女士 and a masked phone number."""
        rng = self.rng
        surname = rng.choice(_SURNAMES)
        is_man = rng.random() < 0.55
        if language == ZH:
            name = surname[0] + ("先生" if is_man else "女士")
            address = f"{place.township_zh}{place.village_zh}{rng.randint(1, 12)}组"
        else:
            name = ("Mr " if is_man else "Ms ") + surname[1]
            address = f"Group {rng.randint(1, 12)}, {place.village_en}"
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"
        email = ""
        if rng.random() < 0.12:
            email = f"{surname[1].lower()}{rng.randint(10, 9999)}@example.com"
        if rng.random() < 0.2:
            name = ""  # some leave only a number to call back
        return ContactDetails(name=name, phone=phone, email=email, address=address)

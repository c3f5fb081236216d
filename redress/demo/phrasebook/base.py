"""The shapes of the phrasebook: a scenario is one kind of grievance, told in both languages
from the same slots, so a matter (one factory, one project) reads the same in either."""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]  # (Chinese, English)


@dataclass(frozen=True)
class Phrases:
    """Templates in one language. A description is one opening, one or two details, and the
    common closing lines; `{slot}` names are filled from redress.demo.phrasebook.slots."""

    titles: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    key: str
    zh: Phrases
    en: Phrases
    # The number the text speaks of ({n}): workers, households, investors. (1, 1) for one
    # person's own grievance.
    count: tuple[int, int] = (1, 1)
    # People affected per counted unit: 1 for workers, 2-4 for households.
    people_per_count: tuple[int, int] = (1, 1)
    weight: float = 1.0
    # A kind of department better placed than the one the category routes to: such cases
    # are often transferred sideways on arrival.
    transfer_to: str | None = None

    @property
    def is_individual(self) -> bool:
        return self.count == (1, 1)

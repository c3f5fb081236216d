"""Templates for believable grievances, by category code (see cases migration 0003)."""

from __future__ import annotations

from redress.demo.phrasebook.base import Pair, Phrases, Scenario
from redress.demo.phrasebook.land import (
    DEMOLITION,
    HOUSING_PROPERTY,
    LAND_COMPENSATION,
    LEGACY_ISSUES,
)
from redress.demo.phrasebook.living import (
    CONSUMER_FINANCE,
    OFFICIAL_CONDUCT,
    OTHER,
    POLLUTION,
    PUBLIC_SERVICES,
)
from redress.demo.phrasebook.work import (
    ENTERPRISE_RESTRUCTURING,
    LABOUR_DISPUTE,
    SOCIAL_INSURANCE,
    WAGE_ARREARS,
    WORK_SAFETY,
)

SCENARIOS: dict[str, tuple[Scenario, ...]] = {
    "wage-arrears": WAGE_ARREARS,
    "labour-dispute": LABOUR_DISPUTE,
    "land-compensation": LAND_COMPENSATION,
    "demolition": DEMOLITION,
    "enterprise-restructuring": ENTERPRISE_RESTRUCTURING,
    "pollution": POLLUTION,
    "work-safety": WORK_SAFETY,
    "housing-property": HOUSING_PROPERTY,
    "social-insurance": SOCIAL_INSURANCE,
    "public-services": PUBLIC_SERVICES,
    "consumer-finance": CONSUMER_FINANCE,
    "official-conduct": OFFICIAL_CONDUCT,
    "legacy-issues": LEGACY_ISSUES,
    "other": OTHER,
}

# Share of grievances per category in an ordinary month, in percent.
CATEGORY_WEIGHTS: dict[str, float] = {
    "wage-arrears": 15,
    "labour-dispute": 9,
    "land-compensation": 7,
    "demolition": 5,
    "enterprise-restructuring": 2,
    "pollution": 11,
    "work-safety": 4,
    "housing-property": 12,
    "social-insurance": 7,
    "public-services": 12,
    "consumer-finance": 6,
    "official-conduct": 4,
    "legacy-issues": 3,
    "other": 3,
}

# Seasons: wage claims pile up before the Spring Festival, when workers go home; pollution
# and water complaints in the summer heat.
SEASONAL: dict[str, dict[int, float]] = {
    "wage-arrears": {11: 1.3, 12: 1.7, 1: 2.2, 2: 1.3, 6: 0.8, 7: 0.8},
    "pollution": {6: 1.3, 7: 1.5, 8: 1.4, 12: 0.8, 1: 0.7},
    "public-services": {7: 1.3, 8: 1.3, 1: 1.1},
    "work-safety": {7: 1.2, 8: 1.2},
}

__all__ = ["CATEGORY_WEIGHTS", "SCENARIOS", "SEASONAL", "Pair", "Phrases", "Scenario"]

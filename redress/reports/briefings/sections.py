"""The sections of a briefing, kept in a registry so that apps built later (alerts, supervision
letters, liaison completeness) add their own section without this package importing them.

A builder is called during the data step with the figures already computed, under the
briefing's language, and returns the context of its template, or None when it has nothing to
say (a section that does not apply is left out rather than printed empty). If the context has a
"summary" string, that sentence joins the summary paragraph at the top.

The template is included in the briefing with: `number` (the part's label, "五、" or "5. "),
`s` (the builder's context), `briefing` (the BriefingFigures: jurisdiction, week, start, end,
now and the core figures) and `charts`. Start it with
`<section class="part"><h2>{{ number }}{% translate "Alerts" %}</h2>` and use
`<table class="data">` for tables, so it prints like the built-in parts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redress.core.registry import BriefingSectionSpec, Registry

if TYPE_CHECKING:
    from redress.reports.briefings.build import BriefingFigures

SectionBuilder = Callable[..., Mapping[str, Any] | None]


@dataclass(frozen=True)
class BriefingSection:
    key: str
    template: str
    context: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return str(self.context.get("summary") or "")


# Sections print in `order` (the built-in ones use 10 to 40, the linked ones 50 to 70).
section_specs: Registry[BriefingSectionSpec] = Registry(
    "briefing section", sort_key=lambda spec: (spec.order, spec.name)
)


def briefing_section_register(
    key: str, builder: SectionBuilder, template: str, *, order: int = 100
) -> None:
    """The short spelling of `section_specs.register(BriefingSectionSpec(...))`: registering a
    key again replaces it."""
    section_specs.register(
        BriefingSectionSpec(name=key, builder=builder, template=template, order=order)
    )


def briefing_section_unregister(key: str) -> None:
    section_specs.unregister(key)


def briefing_sections() -> list[BriefingSectionSpec]:
    return section_specs.entries()


def briefing_sections_build(*, figures: BriefingFigures) -> list[BriefingSection]:
    built = []
    for spec in briefing_sections():
        context = spec.builder(figures=figures)
        if context is not None:
            built.append(BriefingSection(key=spec.key, template=spec.template, context=context))
    return built

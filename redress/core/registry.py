"""One shape for every extension point: a `Registry[T]` of typed entries keyed by name.

An app that plugs into another (a worker pass, demo data, a health check, a letter subject)
registers an entry from its AppConfig.ready(), so the owning app never imports it; an app's
own pluggable parts (briefing sections, scorecard indicators, early-warning rules) register
the same way, which lets tests add one:

    worker_passes.register(WorkerPass(name="letters", function=letters_pass))

Registering a name again replaces its entry in place (tests and later apps override a built-in
one without moving it); entries come out in registration order, which follows INSTALLED_APPS
because Django runs the ready() methods in that order, unless the registry sorts by a key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


class Named(Protocol):
    @property
    def name(self) -> str: ...


class Registry[T: Named](MutableMapping[str, T]):
    """Entries by name. A mapping too, so a test can save and restore it with dict() and
    update()."""

    def __init__(
        self, what: str, *, sort_key: Callable[[T], SupportsRichComparison] | None = None
    ) -> None:
        self.what = what
        self._sort_key = sort_key
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

    def entries(self) -> list[T]:
        entries = list(self._entries.values())
        if self._sort_key is not None:
            entries.sort(key=self._sort_key)
        return entries

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __setitem__(self, name: str, entry: T) -> None:
        if entry.name != name:
            raise ValueError(f"{self.what} {entry.name!r} registered as {name!r}")
        self._entries[name] = entry

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.what!r}, {list(self._entries)})"


@dataclass(frozen=True)
class Schedule:
    """When a worker pass has work to do. The loop still calls every pass on every run (each
    pass's heartbeat is what /healthz watches); a daily or weekly pass returns early until its
    time, so this says what the pass's own guard does."""

    kind: Literal["every_run", "daily", "weekly"]
    at: dt.time | None = None
    weekday: int | None = None  # ISO, 1 = Monday

    @classmethod
    def every_run(cls) -> Schedule:
        return cls(kind="every_run")

    @classmethod
    def daily(cls, at: str) -> Schedule:
        return cls(kind="daily", at=dt.time.fromisoformat(at))

    @classmethod
    def weekly(cls, *, weekday: int, at: str = "00:00") -> Schedule:
        return cls(kind="weekly", at=dt.time.fromisoformat(at), weekday=weekday)

    def __str__(self) -> str:
        if self.kind == "every_run":
            return "every run"
        assert self.at is not None
        if self.kind == "daily":
            return f"daily at {self.at:%H:%M}"
        return f"weekly on ISO day {self.weekday} at {self.at:%H:%M}"


EVERY_RUN = Schedule.every_run()


@dataclass(frozen=True)
class WorkerPass:
    """`function(*, now)` returns counts by name for the log line; it must be safe to run twice
    for the same `now` and must claim its rows (see redress.clocks.passes)."""

    name: str
    function: Callable[..., Mapping[str, int]]
    schedule: Schedule = EVERY_RUN


@dataclass(frozen=True)
class DemoBuilder:
    """`function(*, demo, seed)` adds an app's demo data and returns a summary line (or "").
    Builders run by `order`, then name."""

    name: str
    order: int
    function: Callable[..., str]


@dataclass(frozen=True)
class HealthCheck:
    """`check()` returns a redress.core.health.HealthLine."""

    name: str
    check: Callable[[], Any]


@dataclass(frozen=True)
class LetterSubjectKind:
    """What a supervision letter can be about. `resolve(*, user, object_id)` fetches the object
    in the user's scope (Http404 outside it) and returns a SubjectProposal; `url_name` is the
    object's page, reversed with its id; `issued(*, letter, actor)` runs in the letter's
    transaction once it is issued."""

    name: str
    resolve: Callable[..., Any]
    url_name: str
    issued: Callable[..., None] | None = None

    @property
    def kind(self) -> str:
        return self.name


@dataclass(frozen=True)
class BriefingSectionSpec:
    """`builder(*, figures)` returns the context of `template`, or None to leave the section
    out; sections print by `order`, then name (see redress.reports.briefings.sections)."""

    name: str
    builder: Callable[..., Mapping[str, Any] | None]
    template: str
    order: int = 100

    @property
    def key(self) -> str:
        return self.name


@dataclass(frozen=True)
class IndicatorSpec:
    """A scorecard indicator or veto source: `function(unit, year)`, shown with `label`."""

    name: str
    function: Callable[..., Any]
    label: Any = ""


@dataclass(frozen=True)
class RuleSource:
    """An early-warning rule: `function(*, day) -> list[RuleSignal]`, run by the daily scan."""

    name: str
    function: Callable[..., list[Any]]

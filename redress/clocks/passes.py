"""Other clocked things (supervision letters, conference action items, mitigation measures,
liaison report deadlines, daily scans) join the worker here instead of run_clocks importing
every app: an app registers a pass in its AppConfig.ready(), and each run of `run_clocks`
calls the case pass and then every registered pass with the same `now`.

A pass takes `now` (keyword) and returns counts of what it did, by name, for the log line.
It must be safe to run twice for the same `now` (act once per step, as the case ladder does)
and must claim its rows so that two workers never act twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

ClockPass = Callable[..., Mapping[str, int]]

_registered: dict[str, ClockPass] = {}


def clock_pass_register(name: str, function: ClockPass) -> None:
    """Register `function(now=...)` under `name`; registering a name again replaces it."""
    _registered[name] = function


def clock_passes() -> list[tuple[str, ClockPass]]:
    return list(_registered.items())


def clock_passes_run(*, now: dt.datetime) -> dict[str, Mapping[str, int]]:
    return {name: function(now=now) for name, function in clock_passes()}

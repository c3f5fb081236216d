"""Demo data of the Open311 door: one client app reporting for the demo county, so that a
request with only an address lands in the county (the tree's top is the province, which has no
departments) and the door can be tried with curl straight after `make run`."""

from __future__ import annotations

from typing import Any

from redress.open311.keys import api_client_create


def seed_demo_extension(*, demo: Any, seed: int) -> str:
    _client, key = api_client_create(
        name="示范上报应用 Demo reporting app", jurisdiction=demo.county
    )
    return f"Open311 client for {demo.county.name_zh}, api_key {key}"

"""Helpers for tests of joint conferences."""

from __future__ import annotations

from redress.conferences.models import (
    Conference,
    ConferenceKind,
    ConferenceMembership,
    MemberRole,
)
from redress.conferences.services import conference_schedule
from redress.core.clock import frozen_at
from redress.orgs.testing import Cast
from redress.supervision.testing import ISSUED


def township_a_conference(cast: Cast) -> Conference:
    """East Town's joint conference with its three member units, scheduled for the letter
    tests' issue day."""
    ConferenceMembership.objects.create(
        jurisdiction=cast.township_a, department=cast.a_complaints, role=MemberRole.CONVENER
    )
    for unit in (cast.a_labour, cast.a_environment):
        ConferenceMembership.objects.create(jurisdiction=cast.township_a, department=unit)
    with frozen_at(ISSUED):
        conference, _ = conference_schedule(
            actor=cast.a_director,
            jurisdiction=cast.township_a,
            kind=ConferenceKind.REGULAR,
            title="东镇三月联席会议",
            scheduled_at=ISSUED,
            place="镇政府三楼会议室",
        )
    return conference

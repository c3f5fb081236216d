"""A year's plans for the demo: for each grievance where and when it arrives, through which
channel, what it says, and how its story is meant to end. Three clusters (one site, one
plant, one failed scheme) give the early-warning pages something to find."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from redress.cases.models import Channel
from redress.cases.services import ContactDetails
from redress.demo.county import VILLAGE_HEIGHT, VILLAGE_WIDTH, DemoCounty
from redress.demo.generator import Grievance, GrievanceGenerator, Matter, Place
from redress.demo.hours import OFFICE_OPENS, Hours
from redress.orgs.models import Jurisdiction

# How a case's story ends, if the year is long enough for it. The rest are confirmed.
FATES: tuple[tuple[str, float], ...] = (
    ("lapse", 0.22),  # answered; the complainant never replies and the window lapses
    ("dispute", 0.07),  # answered, disputed, sometimes reviewed and re-reviewed
    ("late", 0.08),  # answered after the deadline
    ("extend", 0.05),  # deadline extended once, then answered
    ("pause", 0.05),  # clock paused waiting on the complainant, then answered
    ("paused", 0.01),  # still waiting on the complainant
    ("stuck", 0.035),  # accepted but never answered: overdue and escalating
    ("unaccepted", 0.01),  # never accepted: the acceptance clock runs out
    ("decline", 0.03),
)
# Cases older than this are not left unanswered: an office clears its old backlog.
STUCK_AT_MOST = dt.timedelta(days=150)
CHANNELS = ((Channel.WEB, 45), (Channel.HOTLINE, 30), (Channel.VISIT, 15), (Channel.LETTER, 10))
CONTACT_SHARE = {Channel.WEB: 0.35, Channel.HOTLINE: 0.7, Channel.VISIT: 0.85, Channel.LETTER: 0.6}


@dataclass
class Plan:
    submitted_at: dt.datetime
    village: Jurisdiction
    place: Place
    grievance: Grievance
    channel: str
    contact: ContactDetails
    fate: str
    transfer: str | None  # "sideways", "across" or "up"
    matter: int | None = None


class PlanMaker:
    def __init__(
        self,
        demo: DemoCounty,
        *,
        cases: int,
        generator: GrievanceGenerator,
        rng: random.Random,
        hours: Hours,
        end: dt.datetime,
        days: int,
    ) -> None:
        self.demo = demo
        self.case_count = cases
        self.generator = generator
        self.rng = rng
        self.hours = hours
        self.calendar = hours.calendar
        self.end = end
        self.start = end - dt.timedelta(days=days)
        self.days = days

    def plans(self) -> list[Plan]:
        plans: list[Plan] = []
        matters = self._matters() if self.case_count >= 200 else []
        clustered = sum(size for _, size, _, _ in matters)
        days, weights = self._day_weights()
        for _ in range(self.case_count - clustered):
            day = self.rng.choices(days, weights)[0]
            village = self.rng.choice(self.demo.villages)
            plans.append(self._plan(day=day, village=village))
        for number, (matter, size, villages, (first_day, last_day)) in enumerate(matters):
            for _ in range(size):
                day = first_day + dt.timedelta(
                    days=self.rng.randint(0, (last_day - first_day).days)
                )
                plan = self._plan(
                    day=day, village=self.rng.choice(villages), matter=matter, matter_number=number
                )
                plans.append(plan)
        plans.sort(key=lambda plan: plan.submitted_at)
        return plans

    def _day_weights(self) -> tuple[list[dt.date], list[float]]:
        first = timezone.localtime(self.start).date() + dt.timedelta(days=1)
        days = [first + dt.timedelta(days=offset) for offset in range(self.days)]
        weights = [
            # Fewer grievances on days off; a slow rise over the year as word gets round.
            (1.0 if self.calendar.is_working_day(day) else 0.35) * (0.85 + 0.3 * offset / self.days)
            for offset, day in enumerate(days)
        ]
        return days, weights

    def _matters(self) -> list[tuple[Matter, int, list[Jurisdiction], tuple[dt.date, dt.date]]]:
        """Three clusters the early-warning pages can find: unpaid workers on one site in the
        featured township, a polluting plant, and a failed investment scheme."""
        today = timezone.localtime(self.end).date()
        townships = self.demo.townships
        villages_of = {
            township.pk: [v for v in self.demo.villages if v.parent_id == township.pk]
            for township in townships
        }
        share = self.case_count / 5000
        wages = self.generator.matter(category_code="wage-arrears")
        pollution = self.generator.matter(category_code="pollution")
        scheme = self.generator.matter(category_code="consumer-finance")
        return [
            (
                wages,
                max(4, round(55 * share)),
                villages_of[townships[0].pk][:2],
                (today - dt.timedelta(days=38), today - dt.timedelta(days=20)),
            ),
            (
                pollution,
                max(4, round(40 * share)),
                villages_of[townships[1].pk][2:4],
                (today - dt.timedelta(days=16), today - dt.timedelta(days=2)),
            ),
            (
                scheme,
                max(4, round(50 * share)),
                [v for t in townships[3:6] for v in villages_of[t.pk]],
                (today - dt.timedelta(days=95), today - dt.timedelta(days=60)),
            ),
        ]

    def _submission_time(self, day: dt.date, channel: str) -> dt.datetime:
        if channel == Channel.WEB:
            hour = self.rng.choices(range(24), WEB_HOURS)[0]
            return self.hours.at(day, dt.time(hour, 0), jitter_minutes=59)
        if channel == Channel.VISIT:
            morning = self.rng.random() < 0.6
            start = dt.time(8, 40) if morning else dt.time(14, 0)
            return self.hours.office(self.hours.at(day, start, jitter_minutes=170))
        return self.hours.office(self.hours.at(day, OFFICE_OPENS, jitter_minutes=540))

    def _plan(
        self,
        *,
        day: dt.date,
        village: Jurisdiction,
        matter: Matter | None = None,
        matter_number: int | None = None,
    ) -> Plan:
        rng = self.rng
        township = village.parent
        assert township is not None
        place = Place(
            village_zh=village.name_zh,
            village_en=village.name_en,
            township_zh=township.name_zh,
            township_en=township.name_en,
            latitude=village.latitude,
            longitude=village.longitude,
            spread_latitude=VILLAGE_HEIGHT * 0.45,
            spread_longitude=VILLAGE_WIDTH * 0.45,
        )
        channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        if village.pk == self.demo.staff["liaison"].jurisdiction_id and rng.random() < 0.25:
            channel = Channel.LIAISON
        # Today's grievances arrived before now.
        submitted_at = min(
            self._submission_time(day, channel),
            self.end - dt.timedelta(minutes=rng.randint(1, 240)),
        )
        grievance = self.generator.grievance(place=place, month=day.month, matter=matter)
        contact = ContactDetails()
        if rng.random() < CONTACT_SHARE.get(channel, 0.5):
            contact = self.generator.contact(place=place, language=grievance.language)
        return Plan(
            submitted_at=submitted_at,
            village=village,
            place=place,
            grievance=grievance,
            channel=channel,
            contact=contact,
            fate=self._fate(submitted_at),
            transfer=self._transfer(grievance),
            matter=matter_number,
        )

    def _fate(self, submitted_at: dt.datetime) -> str:
        fates = [fate for fate, _ in FATES] + ["confirm"]
        shares = [share for _, share in FATES] + [1 - sum(share for _, share in FATES)]
        fate = self.rng.choices(fates, shares)[0]
        if fate in ("stuck", "paused", "unaccepted") and self.end - submitted_at > STUCK_AT_MOST:
            return "late"
        return fate

    def _transfer(self, grievance: Grievance) -> str | None:
        roll = self.rng.random()
        if grievance.scenario.transfer_to and roll < 0.7:
            return "sideways"
        if grievance.people_affected >= 60 and roll < 0.35:
            return "up"
        if grievance.category_code in ("wage-arrears", "labour-dispute") and roll < 0.04:
            return "across"
        return None


# When people write in, by hour of the day: evenings are busy, nights quiet.
WEB_HOURS = (
    0.3, 0.1, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2.0, 2.0, 1.8,
    1.4, 1.5, 1.8, 1.8, 1.6, 1.5, 1.8, 2.2, 2.4, 2.2, 1.6, 0.8,
)  # fmt: skip

"""A year of grievances in the demo county, lived through the case services.

Every case has a plan (where, what, through which channel, and how its story ends) and a
life: a generator that takes one step through a service each time it is resumed and then
yields the moment of its next step. The driver resumes all lives in time order with the
clock frozen at each step's moment, and runs the clocks worker every few hours of simulated
time in between, so reminders, escalations and closures land when they would have."""

from __future__ import annotations

import datetime as dt
import heapq
import logging
import random
from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Min

from redress.cases.models import OPEN_STATUSES, Case, Category, Channel, Urgency
from redress.cases.services import (
    GrievanceInput,
    case_accept,
    case_add_note,
    case_assign,
    case_close,
    case_confirm,
    case_decline,
    case_dispute,
    case_extend,
    case_link,
    case_merge,
    case_pause,
    case_re_review_answer,
    case_request_re_review,
    case_request_review,
    case_resolve,
    case_resume,
    case_review_answer,
    case_start,
    case_submit,
    case_transfer,
)
from redress.cases.worker import clocks_run_once
from redress.clocks.models import DurationUnit
from redress.core import clock
from redress.core.errors import DomainError
from redress.demo.county import DemoCounty
from redress.demo.generator import GrievanceGenerator
from redress.demo.hours import Hours
from redress.demo.phrasebook import process as notes
from redress.demo.plans import Plan, PlanMaker
from redress.orgs.models import Department, User

logger = logging.getLogger(__name__)

# A life's next step: the moment it is due.
Life = Generator[dt.datetime, None, None]
Steps = Generator[dt.datetime, None, Case | None]

WORKER_INTERVAL = dt.timedelta(hours=4)
STEPS_PER_TRANSACTION = 400


@dataclass
class SimulationResult:
    cases: int = 0
    steps: int = 0
    abandoned: int = 0
    worker_passes: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    abandoned_reasons: Counter[str] = field(default_factory=Counter)


class CountySimulation:
    def __init__(
        self,
        demo: DemoCounty,
        *,
        cases: int,
        seed: int = 1,
        end: dt.datetime | None = None,
        days: int = 365,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.demo = demo
        self.case_count = cases
        self.rng = random.Random(seed)
        self.generator = GrievanceGenerator(seed)
        self.end = (end or clock.now()).replace(second=0, microsecond=0)
        self.start = self.end - dt.timedelta(days=days)
        self.days = days
        self.progress = progress
        self.hours = Hours(self.rng)
        self.categories = {category.code: category for category in Category.objects.all()}
        self.result = SimulationResult()
        self._matter_leads: dict[int, Case] = {}
        # The earliest next_action_at of any case, known while no step or pass has run since
        # it was read: most worker passes would find nothing to do and can be skipped.
        self._earliest_due: dt.datetime | None = None
        self._earliest_due_known = False

    # -- the driver ------------------------------------------------------------------------

    def run(self) -> SimulationResult:
        queue: list[tuple[dt.datetime, int, Life]] = []
        plans = PlanMaker(
            self.demo,
            cases=self.case_count,
            generator=self.generator,
            rng=self.rng,
            hours=self.hours,
            end=self.end,
            days=self.days,
        ).plans()
        for number, plan in enumerate(plans):
            life = self._life(plan)
            queue.append((next(life), number, life))
        heapq.heapify(queue)
        self.result.cases = len(queue)

        next_pass = self.start + WORKER_INTERVAL
        day_reported = 0
        while queue:
            with transaction.atomic():
                for _ in range(STEPS_PER_TRANSACTION):
                    if not queue:
                        break
                    moment, number, life = heapq.heappop(queue)
                    while next_pass <= moment:
                        self._worker_pass(next_pass)
                        next_pass += WORKER_INTERVAL
                    following = self._step(moment, life)
                    if following is not None and following <= self.end:
                        heapq.heappush(queue, (max(following, moment), number, life))
            if queue and self.progress is not None:
                day = (queue[0][0] - self.start).days
                if day > day_reported:
                    self.progress(min(day, self.days) - day_reported)
                    day_reported = min(day, self.days)
        with transaction.atomic():
            while next_pass <= self.end:
                self._worker_pass(next_pass)
                next_pass += WORKER_INTERVAL
            # The last pass stands for the worker of the running installation catching up.
            self._worker_pass(self.end)
        if self.progress is not None and day_reported < self.days:
            self.progress(self.days - day_reported)
        self.result.statuses = Counter(
            {
                row["status"]: row["count"]
                for row in Case.objects.values("status").annotate(count=Count("id"))
            }
        )
        return self.result

    def _step(self, moment: dt.datetime, life: Life) -> dt.datetime | None:
        with clock.frozen_at(moment):
            try:
                following = next(life)
            except StopIteration:
                return None
            except DomainError as error:
                # A plan that the rules refuse (it should not happen) ends that case's story
                # where it stands; the rest of the county carries on.
                self.result.abandoned += 1
                self.result.abandoned_reasons[error.message] += 1
                logger.debug("demo step refused at %s: %s", moment, error.message)
                return None
        self.result.steps += 1
        self._earliest_due_known = False
        return following

    def _worker_pass(self, moment: dt.datetime) -> None:
        if not self._earliest_due_known:
            self._earliest_due = Case.objects.aggregate(earliest=Min("next_action_at"))["earliest"]
            self._earliest_due_known = True
        if self._earliest_due is None or self._earliest_due > moment:
            return
        with clock.frozen_at(moment):
            clocks_run_once(now=moment)
        self._earliest_due_known = False
        self.result.worker_passes += 1

    # -- when people act -------------------------------------------------------------------

    def _staff(self, case: Case, moment: dt.datetime) -> dt.datetime:
        return (
            self.hours.waking(moment)
            if case.urgency == Urgency.URGENT
            else self.hours.office(moment)
        )

    def _later(
        self, *, hours: tuple[float, float] = (0, 0), days: tuple[float, float] = (0, 0)
    ) -> dt.datetime:
        return clock.now() + dt.timedelta(
            hours=self.rng.uniform(*hours), days=self.rng.uniform(*days)
        )

    def _within(self, case: Case, low: float, high: float, *, skew: float = 1.0) -> dt.datetime:
        """A moment at a share of the time left on the case's clock (above 1: overdue); a
        skew above 1 favours the early end."""
        now = clock.now()
        assert case.due_at is not None
        return now + (case.due_at - now) * (low + (high - low) * self.rng.random() ** skew)

    # -- who acts --------------------------------------------------------------------------

    def _handler(self, case: Case) -> User:
        return self.demo.handlers[case.department_id]

    def _director(self, case: Case) -> User:
        """The director over the holding department, if the case lies in their area, else the
        county director (a case transferred across townships lies outside the receiver's)."""
        department = case.department
        director = self.demo.directors.get(department.jurisdiction_id, self.demo.staff["director"])
        assert director.jurisdiction is not None
        if case.jurisdiction_path.startswith(director.jurisdiction.path):
            return director
        return self.demo.staff["director"]

    def _submitter(self, plan: Plan) -> User | None:
        if plan.channel == Channel.WEB:
            return None
        if plan.channel == Channel.LIAISON:
            return self.demo.staff["liaison"]
        if plan.channel == Channel.VISIT:
            township = plan.village.parent
            assert township is not None
            return self.demo.directors[township.pk]
        return self.demo.staff["operator"]

    # -- plans -----------------------------------------------------------------------------

    # -- a case's life ---------------------------------------------------------------------

    def _life(self, plan: Plan) -> Life:
        yield plan.submitted_at
        case = self._submit(plan)
        reception = yield from self._reception(plan, case)
        if reception is None:
            return
        accepted = yield from self._acceptance(plan, reception)
        if accepted is None:
            return
        answered = yield from self._handling(plan, accepted)
        if answered is None:
            return
        yield from self._complainant(plan, answered)

    def _submit(self, plan: Plan) -> Case:
        grievance = plan.grievance
        case, _ = case_submit(
            data=GrievanceInput(
                title=grievance.title,
                description=grievance.description,
                category=self.categories[grievance.category_code],
                jurisdiction=plan.village,
                channel=plan.channel,
                location_text=grievance.location_text,
                latitude=grievance.latitude,
                longitude=grievance.longitude,
                people_affected=grievance.people_affected,
                contact=plan.contact,
                consent_to_contact=not plan.contact.is_empty(),
            ),
            actor=self._submitter(plan),
        )
        if plan.matter is not None:
            self._matter_leads.setdefault(plan.matter, case)
        return case

    def _reception(self, plan: Plan, case: Case) -> Steps:
        """Related grievances are linked or merged; misrouted ones are passed on."""
        lead = self._matter_leads.get(plan.matter) if plan.matter is not None else None
        if lead is not None and lead.pk != case.pk:
            yield self.hours.office(self._later(hours=(1, 30)))
            director = self.demo.staff["director"]
            lead_status = Case.objects.filter(pk=lead.pk).values_list("status", flat=True)[0]
            if self.rng.random() < 0.3 and lead_status in OPEN_STATUSES:
                case_merge(
                    source=case,
                    target=lead,
                    actor=director,
                    reason=self.generator.note(notes.MERGE_REASONS, plan.grievance.language),
                )
                return None
            case_link(
                case=case,
                other=lead,
                actor=director,
                note=self.generator.note(notes.LINK_NOTES, plan.grievance.language),
            )
        if plan.transfer in ("sideways", "across"):
            target = self._transfer_target(plan, case)
            if target is not None:
                yield self._staff(case, self._later(hours=(2, 30)))
                case = case_transfer(
                    case=case,
                    actor=self._director(case)
                    if plan.transfer == "sideways"
                    else self._handler(case),
                    department=target,
                    reason=self._transfer_reason(plan, target),
                )
        return case

    def _transfer_target(self, plan: Plan, case: Case) -> Department | None:
        if plan.transfer == "sideways":
            kind = plan.grievance.scenario.transfer_to
            assert kind is not None
            target = self.demo.departments.get((case.department.jurisdiction_id, kind))
        else:
            others = [t for t in self.demo.townships if t.pk != case.department.jurisdiction_id]
            target = self.demo.department(self.rng.choice(others), case.department.kind)
        return None if target is None or target.pk == case.department_id else target

    def _transfer_reason(self, plan: Plan, target: Department) -> str:
        language = plan.grievance.language
        department = (target.name_zh, target.name_en)
        if plan.transfer == "across":
            township = target.jurisdiction
            return self.generator.note(
                notes.TRANSFER_ACROSS,
                language,
                department=department,
                township=(township.name_zh, township.name_en),
            )
        pool = notes.TRANSFER_UP if plan.transfer == "up" else notes.TRANSFER_SIDEWAYS
        return self.generator.note(pool, language, department=department)

    def _acceptance(self, plan: Plan, case: Case) -> Steps:
        language = plan.grievance.language
        if plan.fate == "unaccepted":
            return None
        late = self.rng.random() < 0.05 or (plan.fate == "late" and self.rng.random() < 0.3)
        yield self._staff(
            case, self._within(case, 1.05, 1.6) if late else self._within(case, 0.03, 0.5)
        )
        if plan.fate == "decline":
            case = case_decline(
                case=case,
                actor=self._director(case),
                reason=self.generator.note(notes.DECLINE_REASONS, language),
            )
            if self.rng.random() < 0.3:
                yield self.hours.waking(self._later(days=(0.5, 6)))
                case_dispute(case=case, reason=self.generator.note(notes.DISPUTE_REASONS, language))
            return None
        across = plan.transfer == "across"
        by_director = not across and self.rng.random() < 0.45
        accept_note = self.generator.note(notes.ACCEPT_NOTES, language)
        if by_director:
            case = case_accept(case=case, actor=self._director(case), note=accept_note)
            yield self._staff(case, self._later(hours=(0.5, 20)))
            case = case_assign(
                case=case,
                actor=self._director(case),
                assignee=self._handler(case),
                note=self.generator.note(notes.ASSIGN_NOTES, language),
            )
        else:
            case = case_accept(case=case, actor=self._handler(case), note=accept_note)
        yield self._staff(case, self._later(hours=(0.5, 40)))
        case = case_start(case=case, actor=self._handler(case))
        if plan.transfer == "up":
            # The township finds the matter beyond it and sends it to the county department.
            yield self._staff(case, self._within(case, 0.05, 0.2))
            county_department = self.demo.department(self.demo.county, case.department.kind)
            case = case_transfer(
                case=case,
                actor=self._director(case),
                department=county_department,
                reason=self._transfer_reason(plan, county_department),
            )
            yield self._staff(case, self._later(hours=(1, 30)))
            case = case_start(case=case, actor=self._handler(case))
        return case

    def _handling(self, plan: Plan, case: Case) -> Steps:
        language = plan.grievance.language
        handler = self._handler(case)
        if self.rng.random() < 0.2:
            yield self._staff(case, self._within(case, 0.05, 0.3))
            case = case_add_note(
                case=case, actor=handler, note=self.generator.note(notes.HANDLING_NOTES, language)
            )
        if plan.fate == "stuck":
            return None
        if plan.fate in ("pause", "paused"):
            yield self._staff(case, self._within(case, 0.1, 0.4))
            case = case_pause(
                case=case, actor=handler, reason=self.generator.note(notes.PAUSE_REASONS, language)
            )
            if plan.fate == "paused":
                return None
            yield self._staff(case, self._later(days=(2, 20)))
            case = case_resume(
                case=case, actor=handler, note=self.generator.note(notes.RESUME_NOTES, language)
            )
        if plan.fate == "extend" and case.clock_unit == DurationUnit.WORKING_DAYS:
            yield self._staff(case, self._within(case, 0.75, 0.95))
            case = case_extend(
                case=case,
                actor=handler,
                days=self.rng.choice((10, 15, 20, 30)),
                reason=self.generator.note(notes.EXTEND_REASONS, language),
            )
        if plan.fate == "late":
            yield self._staff(case, self._within(case, 1.03, 1.5))
        else:
            # Most grievances are answered in a few weeks; a few use most of the time allowed.
            yield self._staff(case, self._within(case, 0.05, 0.9, skew=2.0))
        return case_resolve(case=case, actor=handler, answer=self.generator.answer(plan.grievance))

    def _complainant(self, plan: Plan, case: Case) -> Steps:
        language = plan.grievance.language
        if plan.fate == "lapse" or (plan.fate == "late" and self.rng.random() < 0.5):
            return None
        if plan.fate == "dispute":
            yield self.hours.waking(self._later(days=(0.5, 7)))
            case = case_dispute(
                case=case, reason=self.generator.note(notes.DISPUTE_REASONS, language)
            )
            if self.rng.random() < 0.5:
                return None  # the window lapses and the worker closes the case
            yield self.hours.waking(self._later(days=(0.5, 8)))
            case = case_request_review(
                case=case, reason=self.generator.note(notes.REVIEW_REQUESTS, language)
            )
            county_director = self.demo.staff["director"]
            yield self._staff(case, self._within(case, 0.2, 0.9))
            case = case_review_answer(
                case=case,
                actor=county_director,
                answer=self.generator.note(notes.REVIEW_ANSWERS, language),
            )
            roll = self.rng.random()
            if roll < 0.2:
                return None
            if roll < 0.45:
                yield self.hours.waking(self._later(days=(1, 10)))
                case = case_request_re_review(
                    case=case, reason=self.generator.note(notes.RE_REVIEW_REQUESTS, language)
                )
                yield self._staff(case, self._within(case, 0.2, 0.9))
                case_re_review_answer(
                    case=case,
                    actor=county_director,
                    answer=self.generator.note(notes.RE_REVIEW_ANSWERS, language),
                )
                return None
        if plan.channel == Channel.WEB:
            yield self.hours.waking(self._later(hours=(3, 190)))
            case_confirm(case=case, note=self.generator.note(notes.CONFIRM_NOTES, language))
            return None
        # Offices call back the people whose grievance came by phone, letter or in person, and
        # close the case once they are satisfied.
        yield self.hours.office(self._later(days=(0.5, 6)))
        case = case_confirm(case=case)
        case_close(
            case=case,
            actor=self._director(case),
            note=self.generator.note(notes.CALLBACK_NOTES, language),
        )
        return None

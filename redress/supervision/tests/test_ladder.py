"""An overdue letter climbs the ladder in order and once per step, driven by
`run_clocks --once --now`: reminder, then a letter from the level above, then a warning on the
unit's record with an accountability record."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from redress.cases.testing import local_time, submit_case
from redress.clocks.models import UnitRecordEntry
from redress.core.clock import frozen_at
from redress.obligations.models import ObligationEventKind
from redress.obligations.services import obligations_run_once
from redress.supervision.models import (
    AccountabilityRecord,
    AccountabilitySource,
    Letter,
    LetterEvent,
)
from redress.supervision.services import (
    _letter_step,
    letter_report_completion,
    letter_send_back,
)
from redress.supervision.testing import (
    DUE,
    ISSUED,
    MINUTE,
    REMINDER,
    WARNING,
    issued_letter,
    run_clocks_at,
)

pytestmark = pytest.mark.django_db
LADDER = [ObligationEventKind.REMINDER, ObligationEventKind.ESCALATED, ObligationEventKind.WARNING]


def ladder_events(letter):
    return list(
        LetterEvent.objects.filter(obligation=letter, kind__in=LADDER)
        .order_by("at", "id")
        .values_list("kind", "at")
    )


def test_the_deadline_is_counted_in_working_days(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    assert letter.due_at == DUE
    assert letter.next_action_at == REMINDER


def test_overdue_letter_escalates_in_order_and_once_per_step(cast):
    letter = issued_letter(
        issuer=cast.county_director, unit=cast.a_labour, leader=cast.county_leader
    )

    run_clocks_at(REMINDER - MINUTE)
    assert ladder_events(letter) == []

    run_clocks_at(REMINDER)
    run_clocks_at(REMINDER + MINUTE)  # a second pass does not remind again
    assert ladder_events(letter) == [(ObligationEventKind.REMINDER, REMINDER)]
    assert not Letter.objects.filter(escalated_from=letter).exists()

    run_clocks_at(DUE)
    run_clocks_at(DUE + MINUTE)
    assert ladder_events(letter) == [
        (ObligationEventKind.REMINDER, REMINDER),
        (ObligationEventKind.ESCALATED, DUE),
    ]
    (above,) = Letter.objects.filter(escalated_from=letter)
    # In the name of the office of the level above the issuing county: the city.
    assert above.issuing_office == cast.city
    assert above.issuer is None
    assert above.unit == cast.a_labour and above.leader == cast.county_leader
    assert above.due_at > DUE
    assert not AccountabilityRecord.objects.exists()

    run_clocks_at(WARNING)
    run_clocks_at(WARNING + MINUTE)
    assert [kind for kind, _ in ladder_events(letter)] == LADDER
    (record,) = AccountabilityRecord.objects.filter(letter=letter)
    assert record.source == AccountabilitySource.LETTER_WARNING
    assert record.unit == cast.a_labour
    assert record.due_at == DUE
    letter.refresh_from_db()
    assert letter.escalation_step == 3 and letter.next_action_at is None


def test_a_worker_that_was_off_catches_up_in_order(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(WARNING + MINUTE)
    run_clocks_at(WARNING + MINUTE * 2)
    assert [kind for kind, _ in ladder_events(letter)] == LADDER
    assert Letter.objects.filter(escalated_from=letter).count() == 1
    assert AccountabilityRecord.objects.filter(letter=letter).count() == 1


def test_a_letter_answered_in_time_does_not_escalate(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    with frozen_at(REMINDER - MINUTE):
        letter_report_completion(actor=cast.a_handler, letter=letter, text="已全部支付。")
    run_clocks_at(WARNING)
    assert ladder_events(letter) == []


def test_a_completion_sent_back_runs_on_the_same_deadline(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    with frozen_at(REMINDER - MINUTE):
        letter_report_completion(actor=cast.a_handler, letter=letter, text="已处理。")
    with frozen_at(DUE - MINUTE):
        letter_send_back(actor=cast.county_director, letter=letter, reason="未附支付凭证。")
    run_clocks_at(DUE)
    # The reminder that fell due while the completion awaited a decision, then the escalation.
    assert [kind for kind, _ in ladder_events(letter)] == LADDER[:2]


def test_case_warnings_become_accountability_records_once(cast):
    with frozen_at(local_time(2025, 3, 3)):
        case = submit_case(jurisdiction=cast.village_a)
    run_clocks_at(local_time(2025, 3, 31))
    run_clocks_at(local_time(2025, 3, 31, 10))
    entry = UnitRecordEntry.objects.get(case=case)
    (record,) = AccountabilityRecord.objects.all()
    assert record.unit_record == entry
    assert record.source == AccountabilitySource.CASE_WARNING
    assert record.unit_id == case.department_id


def test_run_clocks_reports_the_letter_pass(cast):
    issued_letter(issuer=cast.county_director, unit=cast.a_labour, at=ISSUED)
    out = run_clocks_at(REMINDER)
    assert "letters" in out


def test_accepting_a_letter_closes_its_escalation_chain(cast):
    from redress.supervision.services import letter_accept

    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(DUE)
    above = Letter.objects.get(escalated_from=letter)
    with frozen_at(DUE + MINUTE):
        letter_report_completion(actor=cast.a_handler, letter=letter, text="已办结")
        letter_accept(actor=cast.county_director, letter=letter)
    above.refresh_from_db()
    assert above.status == "accepted" and above.next_action_at is None
    assert above.on_time is True  # answered within the escalation letter's own deadline
    run_clocks_at(WARNING + MINUTE * 60 * 24 * 20)
    assert not Letter.objects.filter(escalated_from=above).exists()
    assert not AccountabilityRecord.objects.exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_workers_act_once(cast):
    count = 60
    letters = [issued_letter(issuer=cast.county_director, unit=cast.a_labour) for _ in range(count)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(
                obligations_run_once(model=Letter, now=WARNING, on_step=_letter_step, batch_size=7)
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(result["examined"] for result in results) == count
    for letter in letters:
        assert [kind for kind, _ in ladder_events(letter)] == LADDER
    assert Letter.objects.filter(escalated_from__isnull=False).count() == count
    assert AccountabilityRecord.objects.count() == count

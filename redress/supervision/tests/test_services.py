"""Letters: issue, answer, accept or send back; who may do each; refusals write nothing.
Accountability records: response, appeal and decision. The year-end tallies."""

from __future__ import annotations

import contextlib
import io

import pytest
from django.http import Http404

from redress.cases.selectors import case_get_for_user
from redress.cases.testing import submit_case
from redress.core.clock import frozen_at
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.obligations.attachments import file_prepare
from redress.obligations.models import ObligationStatus
from redress.supervision.models import (
    AccountabilityEvent,
    AccountabilityRecord,
    AccountabilityStatus,
    Letter,
    LetterAttachment,
    LetterEvent,
    SubjectKind,
)
from redress.supervision.selectors import (
    accountability_by_unit,
    accountability_get_for_user,
    letter_get_for_user,
    letter_search,
    letters_on_time_by_unit,
)
from redress.supervision.services import (
    accountability_appeal,
    accountability_decide_appeal,
    accountability_respond,
    letter_accept,
    letter_issue,
    letter_report_completion,
    letter_report_progress,
    letter_send_back,
    subject_for_case,
)
from redress.supervision.testing import DUE, ISSUED, REMINDER, WARNING, issued_letter, run_clocks_at

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def nothing_written():
    def snapshot():
        return (
            list(Letter.objects.order_by("pk").values()),
            LetterEvent.objects.count(),
            list(AccountabilityRecord.objects.order_by("pk").values()),
            AccountabilityEvent.objects.count(),
        )

    before = snapshot()
    yield
    assert snapshot() == before


def png_bytes() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(output, format="PNG")
    return output.getvalue()


def test_letter_about_a_case_answered_and_accepted(cast):
    case = submit_case(jurisdiction=cast.village_a)
    case = case_get_for_user(user=cast.county_director, case_id=case.pk)
    letter = issued_letter(
        issuer=cast.county_director,
        unit=cast.a_labour,
        leader=cast.county_leader,
        subject=subject_for_case(case),
    )
    assert letter.subject_kind == SubjectKind.CASE and letter.case == case
    assert letter.issuing_office == cast.county
    with frozen_at(ISSUED):
        letter = letter_report_progress(
            actor=cast.county_leader, letter=letter, text="已约谈包工头"
        )
    assert letter.status == ObligationStatus.IN_PROGRESS
    with frozen_at(REMINDER):
        letter = letter_report_completion(
            actor=cast.a_handler,
            letter=letter,
            text="欠薪已全部支付。",
            files=[file_prepare(png_bytes()), file_prepare(b"%PDF-1.4 receipt")],
        )
    assert letter.status == ObligationStatus.COMPLETION_REPORTED
    assert letter.next_action_at is None
    assert LetterAttachment.objects.filter(report__obligation=letter).count() == 2
    with frozen_at(DUE):
        letter = letter_send_back(actor=cast.county_director, letter=letter, reason="缺凭证")
    assert letter.status == ObligationStatus.SENT_BACK
    with frozen_at(WARNING):
        letter_report_completion(actor=cast.a_handler, letter=letter, text="补充凭证")
        letter = letter_accept(actor=cast.county_director, letter=letter)
    assert letter.status == ObligationStatus.ACCEPTED
    assert letter.on_time is False  # the accepted completion came after the deadline
    kinds = list(LetterEvent.objects.filter(obligation=letter).values_list("kind", flat=True))
    assert kinds == ["issued", "progress", "completion", "sent_back", "completion", "accepted"]


@pytest.mark.parametrize(
    ("who", "unit", "error"),
    [
        ("a_handler", "a_labour", PermissionDenied),  # handlers do not issue letters
        ("a_director", "b_labour", PermissionDenied),  # outside the director's township
        ("county_leader", "a_labour", PermissionDenied),
    ],
)
def test_refused_issue_writes_nothing(cast, who, unit, error):
    with nothing_written(), pytest.raises(error):
        issued_letter(issuer=getattr(cast, who), unit=getattr(cast, unit))


def test_bad_input_names_the_field_and_writes_nothing(cast):
    cases = [
        ({"title": ""}, "title"),
        ({"required_action": " "}, "required_action"),
        ({"working_days": 0}, "working_days"),
        ({"working_days": None}, "due_at"),
        ({"working_days": None, "due_at": ISSUED}, "due_at"),
        ({"leader": "b_handler"}, "leader"),
    ]
    for changes, field in cases:
        arguments = {
            "issuer": cast.county_director,
            "unit": cast.a_labour,
            "title": "督办函",
            "required_action": "处理",
            "working_days": 5,
        }
        arguments.update(changes)
        if isinstance(arguments.get("leader"), str):
            arguments["leader"] = getattr(cast, arguments["leader"])
        with frozen_at(ISSUED), nothing_written(), pytest.raises(DomainError) as refused:
            letter_issue(**arguments)
        assert refused.value.field == field, changes


def test_idempotent_issue(cast):
    with frozen_at(ISSUED):
        first, created = letter_issue(
            issuer=cast.county_director,
            unit=cast.a_labour,
            title="督办函",
            required_action="处理",
            working_days=5,
            idempotency_key="k1",
            fingerprint="f",
        )
        again, created_again = letter_issue(
            issuer=cast.county_director,
            unit=cast.a_labour,
            title="督办函",
            required_action="处理",
            working_days=5,
            idempotency_key="k1",
            fingerprint="f",
        )
    assert created and not created_again and first.pk == again.pk
    with pytest.raises(DomainError) as conflict:
        letter_issue(
            issuer=cast.county_director,
            unit=cast.a_labour,
            title="另一封",
            required_action="处理",
            working_days=5,
            idempotency_key="k1",
            fingerprint="g",
        )
    assert conflict.value.code == "idempotency_conflict"


def test_who_answers_and_who_decides(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    for outsider in (cast.b_handler, cast.a_env_handler, cast.county_leader, cast.auditor):
        with nothing_written(), pytest.raises(PermissionDenied):
            letter_report_progress(actor=outsider, letter=letter, text="不该由我回复")
    with frozen_at(ISSUED):
        letter_report_completion(actor=cast.a_handler, letter=letter, text="已办结")
    # The township's director sits below the issuing county office: not theirs to accept.
    for outsider in (cast.a_director, cast.a_handler, cast.county_leader):
        with nothing_written(), pytest.raises(PermissionDenied):
            letter_accept(actor=outsider, letter=letter)
    with nothing_written(), pytest.raises(TransitionNotAllowed):
        letter_report_progress(actor=cast.a_handler, letter=letter, text="再报")
    with nothing_written(), pytest.raises(DomainError) as refused:
        letter_send_back(actor=cast.county_director, letter=letter, reason="")
    assert refused.value.field == "reason"


def test_scoping_of_letters(cast):
    letter = issued_letter(
        issuer=cast.county_director, unit=cast.a_labour, leader=cast.county_leader
    )
    for user in (cast.county_director, cast.a_director, cast.a_handler, cast.county_leader):
        assert letter_get_for_user(user=user, letter_id=letter.pk) == letter
    for user in (
        cast.b_director,
        cast.b_handler,
        cast.a_env_handler,
        cast.liaison,
        cast.a_operator,
    ):
        with pytest.raises(Http404):
            letter_get_for_user(user=user, letter_id=letter.pk)
    assert list(letter_search(user=cast.county_leader, mine=True)) == [letter]


def test_escalation_letter_is_seen_by_both_offices(cast):
    from redress.orgs.models import Role, User

    city_director = User.objects.create_user(
        username="city_director", role=Role.DIRECTOR, jurisdiction=cast.city
    )
    letter = issued_letter(issuer=cast.a_director, unit=cast.a_labour)
    run_clocks_at(DUE)
    above = Letter.objects.get(escalated_from=letter)
    assert above.issuing_office == cast.county
    for user in (cast.a_director, cast.county_director, city_director):
        letter_get_for_user(user=user, letter_id=above.pk)
    # The county office, in whose name it went out, accepts its completion.
    with frozen_at(DUE):
        letter_report_completion(actor=cast.a_handler, letter=above, text="已办结")
    with pytest.raises(PermissionDenied):
        letter_accept(actor=cast.a_director, letter=above)
    letter_accept(actor=cast.county_director, letter=above)


def test_accountability_response_appeal_and_decision(cast):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(WARNING)
    record = AccountabilityRecord.objects.get(letter=letter)
    for user in (cast.a_handler, cast.county_director, cast.county_leader, cast.auditor):
        accountability_get_for_user(user=user, record_id=record.pk)
    for user in (cast.b_handler, cast.b_director, cast.a_env_handler):
        with pytest.raises(Http404):
            accountability_get_for_user(user=user, record_id=record.pk)
    with nothing_written(), pytest.raises(PermissionDenied):
        accountability_respond(actor=cast.a_env_handler, record=record, response="不是我们")
    with nothing_written(), pytest.raises(TransitionNotAllowed):
        accountability_decide_appeal(
            actor=cast.county_director, record=record, upheld=True, reason="x"
        )
    record = accountability_respond(actor=cast.a_handler, record=record, response="人手不足")
    record = accountability_appeal(actor=cast.a_handler, record=record, reason="逾期系上级批复延误")
    with nothing_written(), pytest.raises(PermissionDenied):
        # No one decides their own unit's appeal.
        accountability_decide_appeal(actor=cast.a_handler, record=record, upheld=True, reason="x")
    record = accountability_decide_appeal(
        actor=cast.county_director, record=record, upheld=True, reason="经核实，延误在上级"
    )
    assert record.status == AccountabilityStatus.UPHELD and not record.counts
    kinds = list(record.events.values_list("kind", flat=True))
    assert kinds == ["recorded", "responded", "appealed", "upheld"]
    tally = accountability_by_unit(jurisdiction=cast.county, year=2026)[cast.a_labour.pk]
    assert (tally.standing, tally.withdrawn) == (0, 1)


def test_letters_on_time_by_unit(cast):
    on_time = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    late = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    issued_letter(issuer=cast.county_director, unit=cast.b_labour)
    with frozen_at(REMINDER):
        letter_report_completion(actor=cast.a_handler, letter=on_time, text="已办结")
        letter_accept(actor=cast.county_director, letter=on_time)
    with frozen_at(WARNING):
        tallies = letters_on_time_by_unit(jurisdiction=cast.county, year=2026)
    a = tallies[cast.a_labour.pk]
    assert (a.issued, a.completed_on_time, a.overdue) == (2, 1, 1)
    assert a.on_time_ids == [on_time.pk] and a.overdue_ids == [late.pk]
    assert tallies[cast.b_labour.pk].issued == 1
    assert letters_on_time_by_unit(jurisdiction=cast.township_b, year=2026).keys() == {
        cast.b_labour.pk
    }
    assert letters_on_time_by_unit(jurisdiction=cast.county, year=2025) == {}


def test_attachments_are_checked(cast):
    with pytest.raises(DomainError) as refused:
        file_prepare(b"MZ not a document")
    assert refused.value.field == "attachments"

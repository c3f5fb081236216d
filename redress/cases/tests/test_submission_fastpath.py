"""How case_submit writes (redress.core.inserts): the case, its holding, contact and event in one
statement on PostgreSQL, committed together with concurrent submissions of the same process.
The rows are those that saving each model writes; all or nothing; one query."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, models, transaction

from redress.cases.models import Case, CaseEvent, CaseHolding, CaseStatus, Channel, EventKind
from redress.cases.services import ContactDetails, GrievanceInput, case_submit
from redress.cases.testing import local_time
from redress.contacts.models import ComplainantContact
from redress.core import inserts
from redress.core.clock import frozen_at
from redress.core.inserts import insert_together
from redress.core.refcache import set_reference_caches_enabled

NOW = local_time(2025, 3, 3, 10)
needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def new_rows(cast, category, code):
    """A case and the rows that hang off it, unsaved, as case_submit builds them."""
    with frozen_at(NOW):
        return _new_rows(cast, category, code)


def _new_rows(cast, category, code):
    case = Case(
        tracking_code=code,
        title="工地拖欠工资",
        description="二十名工人三个月未领到工资。",
        category=category,
        jurisdiction=cast.village_a,
        jurisdiction_path=cast.village_a.path,
        department=cast.a_labour,
        status=CaseStatus.RECEIVED,
        urgency=category.urgency,
        channel=Channel.OPEN311,
        location_text="三号工地",
        latitude=30.5,
        longitude=114.3,
        people_affected=20,
        extra_fields={"workers": 20, "site": "三号工地"},
        media_url="https://example.org/photo.jpg",
        is_anonymous=False,
        submitted_at=NOW,
        clock_started_at=NOW,
        due_at=NOW + dt.timedelta(days=21),
        next_action_at=NOW + dt.timedelta(days=19),
        idempotency_key=None,
        idempotency_fingerprint="f" * 64,
        created_by=cast.a_operator,
    )
    children = [
        CaseHolding(case=case, department=cast.a_labour, started_at=NOW),
        ComplainantContact(
            case=case, ciphertext=b"sealed", consent_to_contact=True, created_at=NOW
        ),
        CaseEvent(
            case=case,
            kind=EventKind.SUBMITTED,
            at=NOW,
            actor=cast.a_operator,
            to_status=CaseStatus.RECEIVED,
            data={"channel": "open311", "department": cast.a_labour.pk},
            is_public=True,
        ),
    ]
    return case, children


def columns(instance, *, leave_out=()):
    """The stored row, as the database gives it back, without what must differ."""
    model = type(instance)
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in leave_out
    ]
    row = model.objects.filter(pk=instance.pk).values(*names).get()
    return {
        name: bytes(value) if isinstance(value, memoryview) else value
        for name, value in row.items()
    }


class TestSameRowsAsSave:
    def test_the_one_statement_writes_what_saving_each_model_writes(self, cast, category):
        fast_case, fast_children = new_rows(cast, category, "FAST00000001")
        insert_together(fast_case, fast_children)

        saved_case, saved_children = new_rows(cast, category, "SAVE00000001")
        with transaction.atomic():
            saved_case.save(force_insert=True)
            for child in saved_children:
                child.save(force_insert=True)

        assert columns(fast_case, leave_out={"tracking_code", "updated_at"}) == columns(
            saved_case, leave_out={"tracking_code", "updated_at"}
        )
        for fast, saved in zip(fast_children, saved_children, strict=True):
            assert columns(fast, leave_out={"case_id"}) == columns(saved, leave_out={"case_id"})
            assert fast.case_id == fast_case.pk

    def test_keys_and_state_are_set_as_save_sets_them(self, cast, category):
        case, children = new_rows(cast, category, "KEYS00000001")
        insert_together(case, children)
        assert case.pk is not None and not case._state.adding and case._state.db == "default"
        holding, contact, event = children
        assert all(child.case_id == case.pk and child.case is case for child in children)
        assert CaseHolding.objects.get(case=case).pk == holding.pk
        assert contact.pk == case.pk
        assert CaseEvent.objects.get(case=case).pk == event.pk
        assert case.updated_at is not None and case.created_at is not None

    def test_a_broken_constraint_writes_nothing_and_the_transaction_goes_on(self, cast, category):
        first, first_children = new_rows(cast, category, "SAME00000001")
        insert_together(first, first_children)
        counts = [model.objects.count() for model in (Case, CaseHolding, CaseEvent)]
        again, again_children = new_rows(cast, category, "SAME00000001")
        with pytest.raises(IntegrityError):
            insert_together(again, again_children)
        assert [model.objects.count() for model in (Case, CaseHolding, CaseEvent)] == counts
        assert again.pk is None


@needs_postgres
class TestValuesPassedUnchanged:
    """The shortcut in redress.core.inserts._values: where it skips get_db_prep_save, that
    would have returned the value itself."""

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            (Case._meta.get_field("title"), "标题"),
            (Case._meta.get_field("description"), "详情"),
            (Case._meta.get_field("media_url"), "https://example.org/a.jpg"),
            (Case._meta.get_field("idempotency_key"), None),
            (Case._meta.get_field("is_anonymous"), True),
            (Case._meta.get_field("latitude"), 30.5),
            (Case._meta.get_field("longitude"), None),
            (Case._meta.get_field("submitted_at"), NOW),
            (Case._meta.get_field("accepted_at"), None),
            (Case._meta.get_field("assignee"), None),
        ],
    )
    def test_the_value_is_what_save_would_pass(self, field, value):
        assert inserts._UNCHANGED[type(field)](value)
        assert field.get_db_prep_save(value, connection) is value

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            (Case._meta.get_field("submitted_at"), dt.datetime(2025, 3, 3, 10)),  # naive
            (Case._meta.get_field("status"), CaseStatus.RECEIVED),  # an enum member
            (Case._meta.get_field("latitude"), 30),  # an int
            (Case._meta.get_field("category"), 7),
        ],
    )
    def test_values_save_would_convert_take_the_long_way(self, field, value):
        assert not inserts._UNCHANGED.get(type(field), lambda value: False)(value)

    def test_every_listed_class_is_a_plain_django_field(self):
        assert all(cls.__module__.startswith("django.db.models") for cls in inserts._UNCHANGED)
        assert models.CharField in inserts._UNCHANGED


@pytest.fixture
def grievance(cast, category):
    return GrievanceInput(
        title="工地拖欠工资三个月",
        description="东村建筑工地二十名工人已三个月未领到工资。",
        category=category,
        jurisdiction=cast.village_a,
        channel=Channel.OPEN311,
        latitude=30.5,
        longitude=114.3,
        contact=ContactDetails(email="worker@example.org"),
        consent_to_contact=True,
    )


def rows_of(case):
    return (
        CaseHolding.objects.filter(case=case).count(),
        CaseEvent.objects.filter(case=case, kind=EventKind.SUBMITTED).count(),
        ComplainantContact.objects.filter(case=case).count(),
    )


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestOutsideATransaction:
    """As a request submits: in autocommit, where the statement commits by itself and group
    commit applies."""

    @pytest.mark.parametrize("group_commit", [True, False])
    def test_a_submission_is_one_query(
        self, grievance, settings, django_assert_num_queries, group_commit
    ):
        settings.REDRESS_GROUP_COMMIT = group_commit
        set_reference_caches_enabled(True)
        try:
            with frozen_at(NOW):
                case_submit(data=grievance)  # fills the reference caches
                with django_assert_num_queries(1):
                    case, created = case_submit(data=grievance)
        finally:
            set_reference_caches_enabled(False)
        assert created
        assert rows_of(case) == (1, 1, 1)

    def test_concurrent_submissions_each_get_their_own_committed_case(self, grievance):
        threads_count, per_thread = 8, 6
        barrier = threading.Barrier(threads_count)
        cases, errors = [], []

        def submit(number):
            try:
                barrier.wait(timeout=10)
                for round_ in range(per_thread):
                    data = dataclasses.replace(grievance, description=f"第{number}-{round_}件")
                    case, created = case_submit(data=data)
                    assert created
                    # Committed before case_submit returns: another connection sees it.
                    cases.append(case)
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert len({case.pk for case in cases}) == threads_count * per_thread
        assert Case.objects.count() == threads_count * per_thread
        for case in cases:
            stored = Case.objects.get(pk=case.pk)
            assert (stored.description, stored.tracking_code) == (
                case.description,
                case.tracking_code,
            )
            assert rows_of(case) == (1, 1, 1)

    def test_a_key_reused_in_one_batch_fails_alone(self, grievance):
        """Retries of one grievance (same key) and other grievances, all at once: the batch
        that holds them breaks the key's unique constraint and is written again one by one."""
        barrier = threading.Barrier(8)
        outcomes, errors = [], []

        def submit(number):
            try:
                barrier.wait(timeout=10)
                if number < 4:
                    outcomes.append(case_submit(data=grievance, idempotency_key="double-click"))
                else:
                    data = dataclasses.replace(grievance, description=f"另一件事 {number}")
                    outcomes.append(case_submit(data=data))
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        retried = [(case.pk, created) for case, created in outcomes if case.idempotency_key]
        assert len({pk for pk, _ in retried}) == 1
        assert sorted(created for _, created in retried) == [False, False, False, True]
        assert sum(created for _, created in outcomes) == 5
        assert Case.objects.count() == 5
        assert CaseEvent.objects.count() == CaseHolding.objects.count() == 5

"""case_submit: what a new case looks like, validation that writes nothing, idempotent retries."""

import dataclasses
import threading

import pytest
from django.db import connection

from redress.cases.models import (
    Case,
    CaseEvent,
    CaseHolding,
    CaseStatus,
    Category,
    Channel,
    ClockStage,
    EventKind,
)
from redress.cases.services import ContactDetails, GrievanceInput, case_submit
from redress.cases.testing import local_time
from redress.cases.tracking import ALPHABET, normalize_tracking_code
from redress.contacts.models import ComplainantContact
from redress.core.clock import frozen_at
from redress.core.errors import DomainError

NOW = local_time(2025, 3, 3, 10)


@pytest.fixture
def grievance(cast, category):
    return GrievanceInput(
        title="工地拖欠工资三个月",
        description="东村建筑工地二十名工人已三个月未领到工资，包工头失联。",
        category=category,
        jurisdiction=cast.village_a,
        location_text="东村工业园三号工地",
        latitude=30.5,
        longitude=114.3,
        people_affected=20,
    )


def submit(data, **kwargs):
    with frozen_at(NOW):
        return case_submit(data=data, **kwargs)


def row_counts():
    return tuple(
        model.objects.count() for model in (Case, CaseEvent, CaseHolding, ComplainantContact)
    )


class TestNewCase:
    def test_a_public_submission(self, cast, grievance):
        case, created = submit(grievance)
        assert created is True
        case.refresh_from_db()
        assert case.status == CaseStatus.RECEIVED
        assert (case.title, case.people_affected) == (grievance.title, 20)
        assert (case.latitude, case.longitude) == (30.5, 114.3)
        assert case.jurisdiction == cast.village_a
        assert case.jurisdiction_path == cast.village_a.path
        assert case.department == cast.a_labour
        assert case.channel == Channel.WEB
        assert case.submitted_at == NOW
        assert case.is_anonymous is True
        assert case.created_by is None
        assert case.clock_stage == ClockStage.ACCEPTANCE
        assert case.due_at == local_time(2025, 3, 24, 10)
        assert len(case.tracking_code) == 12
        assert set(case.tracking_code) <= set(ALPHABET)
        assert normalize_tracking_code(case.display_code.lower()) == case.tracking_code

        holding = CaseHolding.objects.get(case=case)
        assert (holding.department, holding.started_at, holding.ended_at) == (
            cast.a_labour,
            NOW,
            None,
        )
        event = CaseEvent.objects.get(case=case)
        assert event.kind == EventKind.SUBMITTED
        assert (event.actor, event.actor_label) == (None, "public")
        assert event.at == NOW
        assert (event.from_status, event.to_status) == ("", CaseStatus.RECEIVED)
        assert event.is_public is True
        assert event.data["department"] == cast.a_labour.pk
        assert event.data["channel"] == Channel.WEB

    def test_an_operator_enters_a_hotline_call(self, cast, grievance):
        data = dataclasses.replace(grievance, channel=Channel.HOTLINE)
        case, _ = submit(data, actor=cast.a_operator)
        assert case.created_by == cast.a_operator
        assert case.channel == Channel.HOTLINE
        event = case.events.get()
        assert (event.actor, event.actor_label) == (cast.a_operator, "")

    def test_text_is_trimmed(self, grievance):
        data = dataclasses.replace(grievance, title="  欠薪  ", description="\n详情\n")
        case, _ = submit(data)
        assert (case.title, case.description) == ("欠薪", "详情")

    def test_tracking_codes_differ(self, grievance):
        codes = {submit(grievance)[0].tracking_code for _ in range(5)}
        assert len(codes) == 5

    @pytest.mark.parametrize(
        "changes",
        [
            {"title": "题" * 200},
            {"description": "述" * 5000},
            {"latitude": 90.0, "longitude": -180.0},
            {"latitude": -90.0, "longitude": 180.0},
            {"latitude": None, "longitude": None},
            {"people_affected": 1},
            {"people_affected": 1_000_000},
        ],
    )
    def test_limits_are_inclusive(self, grievance, changes):
        case, created = submit(dataclasses.replace(grievance, **changes))
        assert created is True
        assert Case.objects.filter(pk=case.pk).exists()


class TestValidation:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"title": ""}, "title"),
            ({"title": "   "}, "title"),
            ({"title": "题" * 201}, "title"),
            ({"description": ""}, "description"),
            ({"description": " \n "}, "description"),
            ({"description": "述" * 5001}, "description"),
            ({"latitude": 30.5, "longitude": None}, "latitude"),
            ({"latitude": None, "longitude": 114.3}, "latitude"),
            ({"latitude": 90.5}, "latitude"),
            ({"latitude": -91.0}, "latitude"),
            ({"latitude": float("nan")}, "latitude"),
            ({"longitude": 180.5}, "longitude"),
            ({"longitude": -181.0}, "longitude"),
            ({"people_affected": 0}, "people_affected"),
            ({"people_affected": -3}, "people_affected"),
            ({"people_affected": 1_000_001}, "people_affected"),
            ({"channel": "carrier-pigeon"}, "channel"),
            ({"urgency": "panic"}, "urgency"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, grievance, changes, field):
        data = dataclasses.replace(
            grievance, contact=ContactDetails(name="张三", phone="13800138000"), **changes
        )
        before = row_counts()
        with pytest.raises(DomainError) as raised:
            submit(data, idempotency_key="retry-1")
        assert raised.value.field == field
        assert row_counts() == before

    def test_an_inactive_category_is_refused(self, grievance, category):
        Category.objects.filter(pk=category.pk).update(is_active=False)
        category.refresh_from_db()
        before = row_counts()
        with pytest.raises(DomainError) as raised:
            submit(dataclasses.replace(grievance, category=category))
        assert raised.value.field == "category"
        assert row_counts() == before

    def test_a_place_with_no_office_is_refused(self, grievance):
        from redress.orgs.models import Jurisdiction, Level

        elsewhere = Jurisdiction.objects.create(name_zh="别省", level=Level.PROVINCE)
        before = row_counts()
        with pytest.raises(DomainError) as raised:
            submit(dataclasses.replace(grievance, jurisdiction=elsewhere))
        assert raised.value.field == "jurisdiction"
        assert row_counts() == before


class TestIdempotency:
    def test_a_retry_returns_the_first_case(self, grievance):
        first, created = submit(grievance, idempotency_key="form-7f3a")
        assert created is True
        before = row_counts()
        again, created_again = submit(grievance, idempotency_key="form-7f3a")
        assert created_again is False
        assert again.pk == first.pk
        assert row_counts() == before
        assert Case.objects.filter(idempotency_key="form-7f3a").count() == 1

    def test_the_key_is_trimmed(self, grievance):
        first, _ = submit(grievance, idempotency_key="form-7f3a")
        again, created = submit(grievance, idempotency_key="  form-7f3a ")
        assert (again.pk, created) == (first.pk, False)

    def test_surrounding_whitespace_in_the_text_is_the_same_grievance(self, grievance):
        first, _ = submit(grievance, idempotency_key="k")
        padded = dataclasses.replace(grievance, title=f" {grievance.title} ")
        assert submit(padded, idempotency_key="k") == (first, False)

    @pytest.mark.parametrize(
        "changes",
        [
            {"title": "另一件事"},
            {"description": "完全不同的描述"},
            {"latitude": 31.0},
            {"people_affected": 40},
            {"urgency": "urgent"},
            {"channel": "hotline"},
            {"location_text": "东门桥下"},
            {"media_url": "https://example.org/photo.jpg"},
            {"contact": ContactDetails(phone="13800000000")},
            {"consent_to_contact": True},
        ],
    )
    def test_the_same_key_for_a_different_grievance_is_refused(self, grievance, changes):
        submit(grievance, idempotency_key="form-7f3a")
        before = row_counts()
        with pytest.raises(DomainError) as raised:
            submit(dataclasses.replace(grievance, **changes), idempotency_key="form-7f3a")
        assert raised.value.field == "idempotency_key"
        assert raised.value.code == "idempotency_conflict"
        assert row_counts() == before

    def test_the_same_key_in_another_category_is_refused(self, grievance):
        submit(grievance, idempotency_key="form-7f3a")
        pollution = Category.objects.get(code="pollution")
        with pytest.raises(DomainError) as raised:
            submit(dataclasses.replace(grievance, category=pollution), idempotency_key="form-7f3a")
        assert raised.value.field == "idempotency_key"

    def test_an_over_long_key_is_refused(self, grievance):
        before = row_counts()
        with pytest.raises(DomainError) as raised:
            submit(grievance, idempotency_key="k" * 65)
        assert raised.value.field == "idempotency_key"
        assert row_counts() == before
        assert submit(grievance, idempotency_key="k" * 64)[1] is True

    def test_without_a_key_every_submission_is_a_new_case(self, grievance):
        first, _ = submit(grievance)
        second, created = submit(grievance, idempotency_key="   ")
        assert created is True
        assert first.pk != second.pk
        assert second.idempotency_key is None

    @pytest.mark.postgres
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_two_concurrent_retries_make_one_case(self, grievance):
        barrier = threading.Barrier(4)
        outcomes, errors = [], []

        def retry():
            try:
                barrier.wait(timeout=10)
                case, created = case_submit(data=grievance, idempotency_key="double-click")
                outcomes.append((case.pk, created))
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=retry) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert len({pk for pk, _ in outcomes}) == 1
        assert sorted(created for _, created in outcomes) == [False, False, False, True]
        assert Case.objects.count() == 1
        assert CaseEvent.objects.count() == 1
        assert CaseHolding.objects.count() == 1

"""The contact vault: encrypted at rest, read only by the handling chain with every reading
logged, and purged a set time after closure."""

import datetime as dt
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from redress.cases.models import CaseEvent, CaseStatus, EventKind
from redress.cases.services import (
    ContactDetails,
    case_accept,
    case_close,
    case_merge,
    case_resolve,
    case_transfer,
)
from redress.cases.services.contact import contact_read, contacts_purge_due
from redress.cases.testing import local_time, submit_case, unchanged
from redress.cases.worker import clocks_run_once
from redress.contacts.models import ComplainantContact, ContactReading
from redress.contacts.services import contact_exists
from redress.core.clock import frozen_at
from redress.core.errors import DomainError, PermissionDenied
from redress.orgs.models import Role, User

NAME = "王秀英"
PHONE = "13912345678"
EMAIL = "wang.xiuying@example.cn"
ADDRESS = "东村三组十七号"
DETAILS = ContactDetails(name=NAME, phone=PHONE, email=EMAIL, address=ADDRESS)
SUBMITTED = local_time(2025, 3, 3)
READ_REASON = "电话核实欠薪金额"


@pytest.fixture
def case(cast):
    with frozen_at(SUBMITTED):
        return submit_case(jurisdiction=cast.village_a, contact=DETAILS)


def closed(cast, case, *, at):
    with frozen_at(at):
        case = case_accept(case=case, actor=cast.a_handler)
        case = case_resolve(case=case, actor=cast.a_handler, answer="已付清")
        return case_close(case=case, actor=cast.a_director)


def all_stored_bytes():
    """Every value of every row of every table, as bytes."""
    stored = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if not isinstance(value, bytes):
                        value = str(value).encode("utf-8")
                    stored.append(value)
    return stored


class TestStorage:
    def test_details_are_stored_apart_and_sealed(self, case):
        assert case.is_anonymous is False
        row = ComplainantContact.objects.get(case=case)
        assert row.purged_at is None
        assert row.consent_to_contact is True
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT ciphertext FROM {ComplainantContact._meta.db_table} WHERE case_id = %s",
                [case.pk],
            )
            (raw,) = cursor.fetchone()
        raw = bytes(raw)
        assert raw
        for secret in (NAME, PHONE, EMAIL, ADDRESS, "13912"):
            assert secret.encode("utf-8") not in raw

    def test_no_table_holds_them_in_plain_text(self, cast, case):
        contact_read(user=cast.a_handler, case=case, reason=READ_REASON)
        stored = all_stored_bytes()
        assert any(b"wage-arrears" in value for value in stored)  # the scan sees real data
        for secret in (NAME, PHONE, EMAIL, ADDRESS):
            assert not any(secret.encode("utf-8") in value for value in stored), secret

    def test_the_case_and_its_timeline_carry_no_contact_details(self, cast, case):
        assert PHONE not in repr(case.__dict__)
        assert not CaseEvent.objects.filter(data__icontains=PHONE).exists()
        assert NAME not in str(ComplainantContact.objects.get(case=case))
        assert NAME not in repr(ComplainantContact.objects.get(case=case))

    def test_an_anonymous_grievance_has_no_contact_row(self, cast):
        anonymous = submit_case(jurisdiction=cast.village_a)
        assert anonymous.is_anonymous is True
        assert not ComplainantContact.objects.filter(case=anonymous).exists()
        assert contact_exists(case=anonymous) is False
        assert contact_read(user=cast.a_handler, case=anonymous, reason=READ_REASON) is None
        assert ContactReading.objects.count() == 0

    def test_without_a_vault_key_nothing_is_stored(self, cast, settings):
        settings.REDRESS_VAULT_KEYS = []
        with pytest.raises(ImproperlyConfigured):
            submit_case(jurisdiction=cast.village_a, contact=DETAILS)
        assert ComplainantContact.objects.count() == 0

    def test_keys_can_be_rotated(self, cast, case, settings):
        old_keys = list(settings.REDRESS_VAULT_KEYS)
        settings.REDRESS_VAULT_KEYS = [Fernet.generate_key().decode(), *old_keys]
        assert contact_read(user=cast.a_handler, case=case, reason=READ_REASON).phone == PHONE
        settings.REDRESS_VAULT_KEYS = [Fernet.generate_key().decode()]
        with pytest.raises(ImproperlyConfigured):
            contact_read(user=cast.a_handler, case=case, reason=READ_REASON)


class TestReading:
    @pytest.mark.parametrize("who", ["a_handler", "a_director", "county_director"])
    def test_the_handling_chain_reads_and_each_reading_is_logged(self, cast, case, who):
        reader = getattr(cast, who)
        with frozen_at(local_time(2025, 3, 4, 15)):
            revealed = contact_read(user=reader, case=case, reason=f"  {READ_REASON} ")
        assert (revealed.name, revealed.phone, revealed.email, revealed.address) == (
            NAME,
            PHONE,
            EMAIL,
            ADDRESS,
        )
        assert revealed.consent_to_contact is True
        reading = ContactReading.objects.get()
        assert (reading.case, reading.reader, reading.reason) == (case, reader, READ_REASON)
        assert reading.at == local_time(2025, 3, 4, 15)
        event = CaseEvent.objects.get(case=case, kind=EventKind.CONTACT_READ)
        assert event.actor == reader
        assert event.note == READ_REASON
        assert event.at == local_time(2025, 3, 4, 15)
        assert event.is_public is False

    def test_every_reading_is_logged_again(self, cast, case):
        for reason in ("第一次回访", "第二次回访"):
            contact_read(user=cast.a_handler, case=case, reason=reason)
        assert list(ContactReading.objects.order_by("pk").values_list("reason", flat=True)) == [
            "第一次回访",
            "第二次回访",
        ]
        assert CaseEvent.objects.filter(case=case, kind=EventKind.CONTACT_READ).count() == 2

    @pytest.mark.parametrize(
        "who",
        [
            "a_operator",
            "b_handler",
            "a_env_handler",
            "b_director",
            "county_leader",
            "auditor",
            "liaison",
        ],
    )
    def test_anyone_else_is_refused_and_nothing_is_logged(self, cast, case, who):
        with unchanged(case), pytest.raises(PermissionDenied):
            contact_read(user=getattr(cast, who), case=case, reason=READ_REASON)
        assert ContactReading.objects.count() == 0

    def test_the_leader_is_refused_even_for_an_escalated_case(self, cast, case):
        clocks_run_once(now=local_time(2025, 3, 24))
        case.refresh_from_db()
        assert case.escalation_step == 2
        with pytest.raises(PermissionDenied):
            contact_read(user=cast.county_leader, case=case, reason=READ_REASON)
        assert ContactReading.objects.count() == 0

    @pytest.mark.parametrize("reason", ["", "   ", "看看", "理" * 301])
    def test_a_reason_is_required(self, cast, case, reason):
        with unchanged(case), pytest.raises(DomainError) as raised:
            contact_read(user=cast.a_handler, case=case, reason=reason)
        assert raised.value.field == "reason"
        assert ContactReading.objects.count() == 0

    def test_the_right_moves_with_the_case(self, cast, case):
        county_handler = User.objects.create_user(
            username="county_handler",
            role=Role.HANDLER,
            jurisdiction=cast.county,
            department=cast.county_labour,
        )
        case = case_transfer(
            case=case, actor=cast.a_handler, department=cast.county_labour, reason="县属企业"
        )
        with pytest.raises(PermissionDenied):
            contact_read(user=cast.a_handler, case=case, reason=READ_REASON)
        assert contact_read(user=county_handler, case=case, reason=READ_REASON).phone == PHONE
        assert list(ContactReading.objects.values_list("reader", flat=True)) == [county_handler.pk]


class TestPurge:
    RETENTION = dt.timedelta(days=180)

    def test_details_are_purged_after_the_retention_period(self, cast, case):
        closed_at = local_time(2025, 3, 5)
        case = closed(cast, case, at=closed_at)
        assert contacts_purge_due(now=closed_at + self.RETENTION - dt.timedelta(seconds=1)) == 0
        assert contact_exists(case=case)

        purge_time = closed_at + self.RETENTION
        assert contacts_purge_due(now=purge_time) == 1
        row = ComplainantContact.objects.get(case=case)
        assert bytes(row.ciphertext) == b""
        assert row.purged_at == purge_time
        assert contact_exists(case=case) is False
        event = CaseEvent.objects.get(case=case, kind=EventKind.CONTACT_PURGED)
        assert (event.actor, event.actor_label, event.is_public) == (None, "system", False)
        assert event.at == purge_time

        assert contacts_purge_due(now=purge_time + dt.timedelta(days=1)) == 0
        assert CaseEvent.objects.filter(kind=EventKind.CONTACT_PURGED).count() == 1

    def test_a_reading_after_the_purge_finds_nothing(self, cast, case):
        case = closed(cast, case, at=local_time(2025, 3, 5))
        contacts_purge_due(now=local_time(2026, 1, 1))
        assert contact_read(user=cast.a_director, case=case, reason=READ_REASON) is None
        assert ContactReading.objects.count() == 0
        assert not any(PHONE.encode() in value for value in all_stored_bytes())

    def test_open_cases_are_not_touched(self, cast, case):
        with frozen_at(local_time(2025, 3, 4)):
            case_accept(case=case, actor=cast.a_handler)
        assert contacts_purge_due(now=local_time(2030, 1, 1)) == 0
        assert contact_read(user=cast.a_handler, case=case, reason=READ_REASON).phone == PHONE

    def test_the_retention_is_configurable(self, cast, case, settings):
        settings.REDRESS_CONTACT_RETENTION_DAYS = 30
        closed_at = local_time(2025, 3, 5)
        closed(cast, case, at=closed_at)
        assert contacts_purge_due(now=closed_at + dt.timedelta(days=29)) == 0
        assert contacts_purge_due(now=closed_at + dt.timedelta(days=30)) == 1

    def test_a_case_closed_by_the_worker_is_purged_too(self, cast, case):
        with frozen_at(local_time(2025, 3, 5)):
            case = case_accept(case=case, actor=cast.a_handler)
            case = case_resolve(case=case, actor=cast.a_handler, answer="已付清")
        window_end = case.due_at
        clocks_run_once(now=window_end)
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED
        assert contacts_purge_due(now=window_end + self.RETENTION) == 1

    def test_a_merged_case_waits_for_its_target_to_close(self, cast, case):
        with frozen_at(SUBMITTED):
            target = submit_case(
                jurisdiction=cast.village_a,
                contact=ContactDetails(name="李四", phone="13800000001"),
            )
        with frozen_at(local_time(2025, 3, 4)):
            case_merge(source=case, target=target, actor=cast.a_director, reason="同一工地")
        case.refresh_from_db()
        assert case.status == CaseStatus.MERGED
        # Long after the merge, but the target is still open.
        assert contacts_purge_due(now=local_time(2030, 1, 1)) == 0
        assert contact_exists(case=case)

        target_closed = local_time(2025, 6, 2)
        closed(cast, target, at=target_closed)
        assert contacts_purge_due(now=target_closed + self.RETENTION - dt.timedelta(days=1)) == 0
        assert contacts_purge_due(now=target_closed + self.RETENTION) == 2
        assert not contact_exists(case=case)
        assert not contact_exists(case=target)

    def test_a_case_merged_twice_is_purged_with_the_surviving_case(self, cast, case):
        with frozen_at(SUBMITTED):
            middle = submit_case(jurisdiction=cast.village_a)
            survivor = submit_case(jurisdiction=cast.village_a)
        with frozen_at(local_time(2025, 3, 4)):
            case_merge(source=case, target=middle, actor=cast.a_director, reason="同一工地")
            case_merge(source=middle, target=survivor, actor=cast.a_director, reason="同一工地")
        survivor_closed = local_time(2025, 6, 2)
        closed(cast, survivor, at=survivor_closed)
        assert contacts_purge_due(now=survivor_closed + self.RETENTION) == 1
        assert not contact_exists(case=case)

    def test_the_purge_command(self, cast, case):
        closed(cast, case, at=local_time(2025, 3, 5))
        out = io.StringIO()
        call_command("purge_contacts", "--days", "10", "--now", "2025-03-14T09:00", stdout=out)
        assert "0 case(s)" in out.getvalue()
        call_command("purge_contacts", "--days", "10", "--now", "2025-03-15T09:00", stdout=out)
        assert "1 case(s)" in out.getvalue()
        assert not contact_exists(case=case)

    def test_the_purge_command_refuses_bad_input(self, db):
        with pytest.raises(CommandError, match="--days"):
            call_command("purge_contacts", "--days", "-1", stdout=io.StringIO())
        with pytest.raises(CommandError, match="--now"):
            call_command("purge_contacts", "--now", "soon", stdout=io.StringIO())

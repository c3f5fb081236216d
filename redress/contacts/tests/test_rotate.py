"""Vault key rotation: every contact re-sealed with the first key, after which the old key can
go; batched, resumable and harmless to run twice; the rotation's reads are not staff readings."""

import io
import logging
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from redress.cases.models import CaseEvent, EventKind
from redress.cases.services import ContactDetails
from redress.cases.testing import submit_case
from redress.contacts import services
from redress.contacts.crypto import unseal
from redress.contacts.models import ComplainantContact, ContactReading
from redress.contacts.services import contacts_rotate

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture
def sealed_with_a(cast, settings):
    settings.REDRESS_VAULT_KEYS = [KEY_A]
    return [
        submit_case(
            jurisdiction=cast.village_a,
            contact=ContactDetails(name=f"王{n}", phone=f"1391234{n:04d}", email="", address=""),
        )
        for n in range(7)
    ]


def all_decrypt(cases):
    return [unseal(ComplainantContact.objects.get(case=case).ciphertext)["name"] for case in cases]


def rotate(**options):
    out = io.StringIO()
    call_command("vault_rotate", "--no-progress", stdout=out, **options)
    return out.getvalue()


def test_after_rotation_the_old_key_can_be_removed(cast, sealed_with_a, settings, caplog):
    settings.REDRESS_VAULT_KEYS = [KEY_B, KEY_A]
    readings, events = ContactReading.objects.count(), CaseEvent.objects.count()
    with caplog.at_level(logging.INFO, logger="redress.contacts.services"):
        output = rotate(batch_size=3)
    assert "re-sealed 7" in output
    settings.REDRESS_VAULT_KEYS = [KEY_B]
    assert all_decrypt(sealed_with_a) == [f"王{n}" for n in range(7)]
    # The rotation reads no details for anyone: no reading, no timeline entry per row,
    # and one log line for the run.
    assert ContactReading.objects.count() == readings
    assert CaseEvent.objects.count() == events
    assert not CaseEvent.objects.filter(kind=EventKind.CONTACT_READ).exists()
    assert len([r for r in caplog.records if "vault_rotate" in r.getMessage()]) == 1


def test_rotating_twice_is_harmless(cast, sealed_with_a, settings):
    settings.REDRESS_VAULT_KEYS = [KEY_B, KEY_A]
    assert contacts_rotate(batch_size=5).resealed == 7
    before = list(ComplainantContact.objects.order_by("pk").values_list("ciphertext", flat=True))
    again = contacts_rotate(batch_size=5)
    assert (again.resealed, again.current) == (0, 7)
    after = list(ComplainantContact.objects.order_by("pk").values_list("ciphertext", flat=True))
    assert [bytes(t) for t in after] == [bytes(t) for t in before]


def test_an_interrupted_run_resumes(cast, sealed_with_a, settings):
    settings.REDRESS_VAULT_KEYS = [KEY_B, KEY_A]
    real = services._rotate_batch
    calls = []

    def dies_on_the_second_batch(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(**kwargs)

    with (
        mock.patch.object(services, "_rotate_batch", dies_on_the_second_batch),
        pytest.raises(KeyboardInterrupt),
    ):
        contacts_rotate(batch_size=3)
    # The first batch was committed; the second left nothing half-done.
    settings.REDRESS_VAULT_KEYS = [KEY_B]
    with pytest.raises(ImproperlyConfigured):
        all_decrypt(sealed_with_a)
    settings.REDRESS_VAULT_KEYS = [KEY_B, KEY_A]
    resumed = contacts_rotate(batch_size=3)
    assert (resumed.resealed, resumed.current) == (4, 3)
    settings.REDRESS_VAULT_KEYS = [KEY_B]
    assert all_decrypt(sealed_with_a) == [f"王{n}" for n in range(7)]


def test_purged_contacts_are_left_alone(cast, sealed_with_a, settings):
    ComplainantContact.objects.filter(case=sealed_with_a[0]).update(
        ciphertext=b"", purged_at=sealed_with_a[0].created_at
    )
    settings.REDRESS_VAULT_KEYS = [KEY_B, KEY_A]
    assert contacts_rotate(batch_size=100).resealed == 6
    assert bytes(ComplainantContact.objects.get(case=sealed_with_a[0]).ciphertext) == b""


def test_a_token_no_key_opens_stops_the_run(cast, sealed_with_a, settings):
    settings.REDRESS_VAULT_KEYS = [KEY_B]
    with pytest.raises(CommandError, match="cannot be decrypted"):
        rotate(batch_size=100)


def test_the_command_refuses_a_bad_batch_size(db):
    with pytest.raises(CommandError, match="--batch-size"):
        rotate(batch_size=0)

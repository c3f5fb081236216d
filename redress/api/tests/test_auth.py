"""Who may call: personal tokens (issued by the command, revocable) and the pages' session,
and a 401 in the error shape for everyone else."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from redress.api.models import ApiToken
from redress.api.services import api_token_issue, api_token_revoke
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db
CASES = "/api/v1/cases"


def assert_401(response):
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"][0]["code"] == "not_authenticated"


def test_no_credentials_is_401(client, cast):
    assert_401(client.get(CASES))
    assert_401(client.post(CASES, {}, content_type="application/json"))


@pytest.mark.parametrize(
    "header",
    [
        "Bearer rdr_not-a-real-token",
        "Bearer ",
        "Bearer",
        "Token rdr_whatever",
        "Basic YWRtaW46YWRtaW4=",
        "Bearer " + "x" * 5000,
    ],
)
def test_a_bad_token_is_401(client, cast, header):
    assert_401(client.get(CASES, headers={"Authorization": header}))


def test_a_revoked_token_is_401(client, cast):
    api_token, token = api_token_issue(user=cast.a_handler)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(CASES, headers=headers).status_code == 200
    api_token_revoke(api_token=api_token)
    assert_401(client.get(CASES, headers=headers))


def test_an_inactive_users_token_is_401(client, cast):
    _api_token, token = api_token_issue(user=cast.a_handler)
    cast.a_handler.is_active = False
    cast.a_handler.save()
    assert_401(client.get(CASES, headers={"Authorization": f"Bearer {token}"}))


def test_only_the_hash_is_stored_and_use_is_recorded(client, cast):
    api_token, token = api_token_issue(user=cast.a_handler, name="laptop")
    assert api_token.key_hash != token and token not in api_token.key_hash
    assert token.startswith(api_token.key_prefix)
    assert api_token.last_used_at is None
    client.get(CASES, headers={"Authorization": f"Bearer {token}"})
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


def test_a_wrong_token_does_not_fall_back_to_the_session(client, cast):
    assert client.login(username="a_handler", password=PASSWORD)
    assert client.get(CASES).status_code == 200
    assert_401(client.get(CASES, headers={"Authorization": "Bearer rdr_wrong"}))


def test_session_reads_need_no_csrf_but_writes_do(cast):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="a_operator", password=PASSWORD)
    assert client.get(CASES).status_code == 200
    body = {"note": "x"}
    refused = client.post(f"{CASES}/1/actions/note", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"][0]["code"] == "forbidden"
    client.get("/staff/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    allowed = client.post(
        f"{CASES}/1/actions/note",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert allowed.status_code == 404  # past authentication: no case 1 in this test


def test_the_command_prints_a_working_token(client, cast):
    out = io.StringIO()
    call_command("api_token", "--user", "b_handler", "--name", "sync script", stdout=out)
    token = out.getvalue().strip()
    assert ApiToken.objects.get(user=cast.b_handler).name == "sync script"
    assert client.get(CASES, headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_the_command_refuses_unknown_and_inactive_users(cast):
    with pytest.raises(CommandError):
        call_command("api_token", "--user", "nobody", stdout=io.StringIO())
    cast.liaison.is_active = False
    cast.liaison.save()
    with pytest.raises(CommandError):
        call_command("api_token", "--user", "liaison", stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_admin_issues_and_revokes_tokens(client, cast):
    from redress.orgs.models import User

    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert client.login(username="root", password=PASSWORD)
    response = client.post(
        "/admin/api/apitoken/add/", {"user": cast.a_handler.pk, "name": "ci"}, follow=True
    )
    assert response.status_code == 200
    api_token = ApiToken.objects.get(user=cast.a_handler)
    shown = [str(m) for m in response.context["messages"]]
    assert any(api_token.key_prefix in message for message in shown)
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [api_token.pk]},
    )
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None

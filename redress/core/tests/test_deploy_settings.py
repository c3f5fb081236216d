"""The settings a deployment relies on: `check --deploy` clean under production settings,
HTTPS protections behind one switch (off for `make run` on plain http), no fixed secret key,
no test host by default, a staff session that ends when idle."""

from __future__ import annotations

import json
import os
import secrets
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from redress.core import sessions
from redress.core.sessions import REFRESH_SECONDS
from redress.orgs.testing import PASSWORD

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION = {
    "REDRESS_SECRET_KEY": secrets.token_urlsafe(50),
    "REDRESS_HTTPS": "1",
    "REDRESS_ALLOWED_HOSTS": "example.org",
    "REDRESS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}
SHOWN = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
]


def _run(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing of the test run's own (its secret key, its database).
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(tmp_path))}
    clean |= {"REDRESS_VAR_DIR": str(tmp_path / "var"), **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(tmp_path: Path, env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "from django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {SHOWN!r}}}))"
    )
    result = _run(tmp_path, env, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(tmp_path, PRODUCTION, "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def test_https_protections_follow_one_switch(tmp_path):
    production = _settings(tmp_path, PRODUCTION)
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SECURE_SSL_REDIRECT"] and production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_PROXY_SSL_HEADER"] is None
    behind = _settings(tmp_path, {**PRODUCTION, "REDRESS_BEHIND_PROXY": "1"})
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # `make run`: a secret key, nothing else, served on plain http://127.0.0.1.
    local = _settings(tmp_path, {"REDRESS_SECRET_KEY": PRODUCTION["REDRESS_SECRET_KEY"]})
    assert not local["SESSION_COOKIE_SECURE"] and not local["SECURE_SSL_REDIRECT"]
    assert local["SECURE_HSTS_SECONDS"] == 0
    assert local["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_debug_without_a_key_makes_one_random_key_shared_by_every_process(tmp_path):
    first = _settings(tmp_path, {"REDRESS_DEBUG": "1"})
    second = _settings(tmp_path, {"REDRESS_DEBUG": "1"})
    elsewhere = _settings(tmp_path / "other", {"REDRESS_DEBUG": "1"})
    assert first["SECRET_KEY"] == second["SECRET_KEY"] != elsewhere["SECRET_KEY"]
    assert len(str(first["SECRET_KEY"])) >= 50
    key_file = tmp_path / "var" / "development-secret-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_no_key_and_no_debug_refuses_to_start(tmp_path):
    result = _run(tmp_path, {}, "manage.py", "check")
    assert result.returncode != 0 and "REDRESS_SECRET_KEY is not set" in result.stderr


def test_all_digit_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("80417352961")


@pytest.mark.django_db
def test_a_staff_session_ends_after_the_idle_timeout(client, cast, monkeypatch):
    assert settings.SESSION_COOKIE_AGE == settings.REDRESS_SESSION_IDLE_MINUTES * 60 == 1800
    public = client.get("/")
    assert settings.SESSION_COOKIE_NAME not in public.cookies
    client.post("/staff/login/", {"username": "a_handler", "password": PASSWORD})
    # Within a minute of the last push the session is not written again...
    assert settings.SESSION_COOKIE_NAME not in client.get("/staff/").cookies
    # ...after it, a request pushes the end of the session forward by the idle time.
    later = time.time() + REFRESH_SECONDS
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    cookie = client.get("/staff/").cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 1800

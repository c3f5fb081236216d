"""A pytest plugin (loaded with `-p` in pyproject) that gives the test run its environment
before Django's settings are imported: the suite needs no secrets from the developer."""

import os
import secrets

# A fresh key each run: no key, not even a test one, is a constant in the code.
os.environ.setdefault("REDRESS_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("REDRESS_VAR_DIR", os.path.join(os.getcwd(), "var", "test"))

"""A pytest plugin (loaded with `-p` in pyproject) that gives the test run its environment
before Django's settings are imported: the suite needs no secrets from the developer."""

import os

os.environ.setdefault("REDRESS_SECRET_KEY", "redress-test-secret-key-not-for-production")
os.environ.setdefault("REDRESS_VAR_DIR", os.path.join(os.getcwd(), "var", "test"))

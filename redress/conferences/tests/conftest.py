from redress.api.tests.conftest import api_as, token_for  # noqa: F401  (the API tests' callers)

"""The API tests' fixtures (a token per member of the cast, a client that sends it)."""

from redress.api.tests.conftest import api_as, token_for

__all__ = ["api_as", "token_for"]

"""What a page needs to know about its request."""

from __future__ import annotations

from django.http import HttpRequest

from redress.orgs.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The staff member the request is signed in as, for the views behind login_required
    (which has already sent anyone else to the login page)."""
    user = request.user
    assert isinstance(user, User)
    return user

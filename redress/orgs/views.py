from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from redress.orgs.throttle import client_address, login_blocked


class ThrottledLoginView(auth_views.LoginView):
    """The staff sign-in page. The throttle itself is enforced in the authentication backend
    (so the admin site's sign-in shares it); this page only says so plainly, with a 429."""

    template_name = "cases/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", ""))
        if login_blocked(username=username, address=client_address(request)):
            form = AuthenticationForm(request, data=None)
            form.is_bound = False
            context = self.get_context_data(form=form)
            context["throttled"] = _(
                "Too many failed sign-in attempts. Wait 15 minutes and try again."
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from redress.orgs.throttle import login_blocked, login_failed, login_succeeded


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, configure it to set REMOTE_ADDR; X-Forwarded-For is trivially forged.
    return str(request.META.get("REMOTE_ADDR", ""))


class ThrottledLoginView(auth_views.LoginView):
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

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        login_failed(
            username=str(self.request.POST.get("username", "")),
            address=client_address(self.request),
        )
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        login_succeeded(username=form.get_user().get_username())
        return super().form_valid(form)

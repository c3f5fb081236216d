from django.urls import path, re_path

from redress.api.api import api
from redress.api.views import endpoint_not_found

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<path>.*)$", endpoint_not_found),
]

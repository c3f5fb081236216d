from django.contrib import admin
from django.urls import include, path

from redress.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("redress.open311.urls")),
    path("staff/", include("redress.cases.urls")),
    path("", include("redress.intake.urls")),
]

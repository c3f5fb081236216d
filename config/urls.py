from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from redress.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("redress/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api")),
    path("open311/", include("redress.open311.urls")),
    path("", include("redress.reports.urls")),
    path("staff/alerts/", include("redress.earlywarning.urls")),
    path("staff/projects/", include("redress.assessments.urls")),
    path("staff/", include("redress.cases.urls")),
    path("staff/data/", include("redress.dataio.urls")),
    path("staff/", include("redress.supervision.urls")),
    path("staff/conferences/", include("redress.conferences.urls")),
    path("staff/", include("redress.liaison.urls")),
    path("staff/scores/", include("redress.scorecards.urls")),
    path("", include("redress.intake.urls")),
]

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("redress.open311.urls")),
    path("staff/", include("redress.cases.urls")),
    path("", include("redress.intake.urls")),
]

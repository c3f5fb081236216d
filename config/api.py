"""/api/v1/: every app's endpoints mounted on the API. The apps' routers are imported here, at
the top of the dependency graph, so that redress.api (the framework) imports no feature app;
the order below is the order of the OpenAPI document."""

from django.urls import path, re_path

from redress.api.api import api_create
from redress.api.views import endpoint_not_found
from redress.assessments import api_routes as assessments_api
from redress.cases import api_routes as cases_api
from redress.conferences import api_routes as conferences_api
from redress.dataio import api_routes as dataio_api
from redress.earlywarning import api_routes as earlywarning_api
from redress.liaison import api_routes as liaison_api
from redress.scorecards import api_routes as scorecards_api
from redress.supervision import api_routes as supervision_api

api = api_create(
    routes=[
        *cases_api.ROUTES,
        *earlywarning_api.ROUTES,
        *assessments_api.ROUTES,
        *supervision_api.ROUTES,
        *conferences_api.ROUTES,
        *liaison_api.ROUTES,
        *scorecards_api.ROUTES,
        *dataio_api.ROUTES,
    ]
)

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<path>.*)$", endpoint_not_found),
]

from django.urls import re_path

from redress.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.service_list, name="services"),
    re_path(
        r"^v2/services/(?P<service_code>[^/]{1,60})" + FMT, views.service_detail, name="service"
    ),
    re_path(r"^v2/requests" + FMT, views.requests_endpoint, name="requests"),
    re_path(r"^v2/requests/(?P<request_id>[^/]{1,40})" + FMT, views.request_detail, name="request"),
    re_path(r"^v2/tokens/(?P<token>[^/]{1,60})" + FMT, views.token_detail, name="token"),
    re_path(r"^v2/servicerequestupdates" + FMT, views.updates_endpoint, name="updates"),
    # Last: any other address under /open311/ is a GeoReport 404, never Django's HTML page.
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]

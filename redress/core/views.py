from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; touches no database (also the benchmark's ceiling)."""
    return HttpResponse(b"ok", content_type="text/plain")

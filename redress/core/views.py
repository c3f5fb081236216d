from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from redress.core.health import health_report


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the registered checks (the worker's heartbeat), read
    from memory on almost every request (see redress.core.health): also the benchmark's
    ceiling. 503 names what is wrong."""
    lines = health_report()
    healthy = all(line.healthy for line in lines)
    body = "\n".join(["ok" if healthy else "unhealthy", *(line.text for line in lines)])
    return HttpResponse(
        body.encode("utf-8") + b"\n", content_type="text/plain", status=200 if healthy else 503
    )

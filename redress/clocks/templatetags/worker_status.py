from django import template
from django.utils.translation import gettext as _

from redress.clocks.selectors import worker_status

register = template.Library()


@register.inclusion_tag("clocks/worker_status_line.html")
def worker_status_line() -> dict[str, object]:
    status = worker_status()
    return {"status": status, "line": status.line(), "label": _("Worker status")}

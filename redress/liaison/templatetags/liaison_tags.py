from django import template

from redress.liaison.selectors import notification_unread_count
from redress.orgs.models import User

register = template.Library()


@register.simple_tag
def unread_notifications(user: User) -> int:
    """The count under the bell: one indexed count per page."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return notification_unread_count(user=user)

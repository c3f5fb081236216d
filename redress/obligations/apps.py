from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    """The lifecycle that supervision letters and conference action items share. It holds
    abstract models only, so it has no tables and no migrations of its own."""

    name = "redress.obligations"
    label = "obligations"
    verbose_name = "Obligations"

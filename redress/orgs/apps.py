from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "redress.orgs"
    label = "orgs"
    verbose_name = "Organisations"

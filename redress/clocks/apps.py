from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "redress.clocks"
    label = "clocks"
    verbose_name = "Clocks"

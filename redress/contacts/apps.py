from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "redress.contacts"
    label = "contacts"
    verbose_name = "Contact vault"

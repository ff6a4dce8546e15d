from django.apps import AppConfig


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = "Cases"

    def ready(self):
        # Import WeasyPrint with the app, so the first letter a server renders pays no import penalty.
        from .letter import render  # noqa: F401

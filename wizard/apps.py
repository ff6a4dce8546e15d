from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = "Cases"

    def ready(self):
        # Import WeasyPrint with the app, so the first letter a server renders pays no import penalty.
        from .letter import render  # noqa: F401
        from .session_limits import clocks_start_at_sign_in

        user_logged_in.connect(clocks_start_at_sign_in, dispatch_uid="session_limits_clocks")

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Sign-in security"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from . import lockout

        user_locked_out.connect(lockout.record_lockout, dispatch_uid="accounts.record_lockout")
        user_logged_in.connect(lockout.forget_own_failures, dispatch_uid="accounts.forget_own_failures")

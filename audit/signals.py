"""Sign-in, failed sign-in and sign-out go on the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Action
from .trail import record


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record(Action.SIGN_IN, request=request, user=user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.SIGN_OUT, request=request, user=user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # The username tried is kept (it may not exist); the password never is.
    record(Action.SIGN_IN_FAILED, request=request, username=str(credentials.get("username", ""))[:150])

"""Authentication backend that loads the user's clinic membership with the user, in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MembershipBackend(ModelBackend):
    """Django's model backend; every request's user arrives with its membership and clinic joined."""

    def get_user(self, user_id):
        # The signature image (up to 200 KB) is read only when a letter is signed.
        users = (
            get_user_model()
            ._default_manager.select_related("membership__clinic")
            .defer("membership__signature_image")
        )
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

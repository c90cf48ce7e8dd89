"""Authentication backends that look up the signed-in user with one written-out query
(crossborder.quickread).

Every request of a signed-in person loads the user; building that query with the ORM costs
more than running it. Behaviour is Django's and allauth's (inactive users are refused).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from crossborder.quickread import read_one


class _QuickGetUser:
    def get_user(self, user_id):
        try:
            user = read_one(get_user_model(), None, "id = %s", [int(user_id)])
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_QuickGetUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_QuickGetUser, AllauthBackend):
    pass

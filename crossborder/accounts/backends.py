"""Authentication backends that look up the signed-in user with one written-out query.

Every request of a signed-in person loads the user; building that query with the ORM costs
more than running it. Behaviour is Django's and allauth's (inactive users are refused).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class _QuickGetUser:
    def get_user(self, user_id):
        model = get_user_model()
        table = model._meta.db_table
        try:
            found = model._default_manager.raw(
                f"SELECT * FROM {table} WHERE id = %s",  # noqa: S608 (table name from the model)
                [int(user_id)],
            )
            user = next(iter(found), None)
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_QuickGetUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_QuickGetUser, AllauthBackend):
    pass

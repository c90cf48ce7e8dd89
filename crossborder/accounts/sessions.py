"""Database sessions (Django's), read with one written-out query: every request of a signed-in
person reads its session, and building that query with the ORM costs more than running it."""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        ops = connections[model.objects.db].ops
        try:
            found = model.objects.raw(
                f"SELECT session_key, session_data, expire_date FROM {model._meta.db_table}"  # noqa: S608 (table name from the model)
                " WHERE session_key = %s AND expire_date > %s",
                [self.session_key, ops.adapt_datetimefield_value(timezone.now())],
            )
            session = next(iter(found), None)
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            session = None
        if session is None:
            self._session_key = None
        return session

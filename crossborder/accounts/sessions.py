"""Database sessions (Django's), read with one written-out query (crossborder.quickread): every
request of a signed-in person reads its session, and building that query with the ORM costs more
than running it."""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections
from django.utils import timezone

from crossborder.quickread import read_one


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        ops = connections[model.objects.db].ops
        try:
            session = read_one(
                model,
                None,
                "session_key = %s AND expire_date > %s",
                [self.session_key, ops.adapt_datetimefield_value(timezone.now())],
                using=model.objects.db,
            )
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            session = None
        if session is None:
            self._session_key = None
        return session

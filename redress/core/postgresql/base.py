"""Django's PostgreSQL backend, with health checks only for connections that sat idle.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request that
reuses a persistent connection: a round trip per request, which on a busy intake endpoint costs
about as much as the grievance's own INSERT statement's round trip. A connection that answered a
moment ago is almost surely still there, so, as PgBouncer does with its server connections
(server_check_delay), the check runs only when the connection has not been used for
CHECK_AFTER_IDLE seconds. A connection that breaks within that window fails the request using
it, and Django then closes it when the request ends (errors_occurred), as it would without
health checks."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    health_check_done: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last_used = float("-inf")

    def close_if_health_check_failed(self) -> None:
        # Called before every cursor, so it also marks the connection as in use.
        now = time.monotonic()
        if (
            self.connection is not None
            and not self.health_check_done
            and now - self._last_used < settings.REDRESS_DB_CHECK_AFTER_IDLE
        ):
            self.health_check_done = True
        super().close_if_health_check_failed()
        self._last_used = now

"""A clock the tests can move: `clock.travel_to(moment)`.

The portal reads the time in two ways: Django's `timezone.now()` (and `localdate()`, which
calls it) for dates, and `time.time()` for how long a cached page lives. Django's
local-memory cache expires its entries by `time.time()` too. Both are moved together,
and keep ticking from the moment travelled to, so a cache entry stored "the day before"
has truly aged by the next morning. (No freezegun in the environment; this is all the
portal needs.)"""

import datetime
import time

from django.utils import timezone


class Clock:
    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)
        monkeypatch.setattr(
            timezone, "now", lambda: datetime.datetime.fromtimestamp(time.time(), tz=datetime.UTC)
        )
        self._real_time = real_time

    def travel_to(self, moment: datetime.datetime) -> None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        self.offset = moment.timestamp() - self._real_time()

    def advance(self, **delta) -> None:
        self.offset += datetime.timedelta(**delta).total_seconds()

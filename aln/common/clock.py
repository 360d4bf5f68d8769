"""Today's date in Wales. Code asks here rather than calling date.today(), so tests can move time."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()

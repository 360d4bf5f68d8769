"""Today's date in Wales: code asks here, not date.today(), so tests can move time."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()

"""When a signed-in person counts as gone: the inactivity timeout, as plain arithmetic (ADR 0016).

Times are whole seconds since the epoch. The session keeps the time of the person's last request,
but writes it at most once per `precision` seconds, so that someone clicking through pages does not
cost a database write per request. The recorded time may therefore be up to `precision` seconds
older than the real last request: the sign-out comes at most that much early, never late.
"""

from dataclasses import dataclass

# The most the recorded time may lag the real one: one minute, the "at most once a minute".
MAX_PRECISION = 60
# A shorter timeout (a test, a very strict deployment) records more often, so that the lag stays
# a thirtieth of the timeout: two seconds for one minute, one minute for thirty.
PRECISION_DIVISOR = 30


@dataclass(frozen=True, slots=True)
class IdlePolicy:
    """`timeout`: seconds without a request before the person is signed out.
    `warning`: how many seconds before that the page warns them (never more than the timeout)."""

    timeout: int
    warning: int

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("the idle timeout must be positive")
        if not 0 <= self.warning <= self.timeout:
            raise ValueError("the warning must come between the last request and the timeout")

    @property
    def precision(self) -> int:
        """Seconds between two writes of the activity time (0: every request writes it)."""
        return min(MAX_PRECISION, self.timeout // PRECISION_DIVISOR)

    @property
    def timeout_minutes(self) -> int:
        """The timeout in whole minutes, rounded up, as the sign-out message says it."""
        return max(1, -(-self.timeout // 60))

    @property
    def warning_minutes(self) -> int:
        """The warning period in whole minutes, rounded up (the dialog's first words)."""
        return max(1, -(-self.warning // 60))

    def is_idle(self, *, last: int, now: int) -> bool:
        """Whether the gap since the recorded last request is longer than the timeout."""
        return now - last > self.timeout

    def needs_recording(self, *, last: int | None, now: int) -> bool:
        """Whether a request at `now` must write the activity time.

        A session with no time yet always writes one. A clock that went back (`now < last`) does
        not: the stored time stays, and `seconds_left` treats the session as just used.
        """
        return last is None or now - last >= self.precision

    def seconds_left(self, *, last: int, now: int) -> int:
        """Seconds before a session last used at `last` ends, between 0 and the timeout."""
        return max(0, min(self.timeout, self.timeout - (now - last)))

from enum import StrEnum


class ServiceError(Exception):
    """A rule said no. Carries a stable code (and the field it concerns); views translate it."""

    def __init__(self, code: StrEnum, field: str | None = None):
        super().__init__(str(code))
        self.code = code
        self.field = field

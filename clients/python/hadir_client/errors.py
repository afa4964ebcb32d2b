"""Status codes as exceptions. The numbers are gRPC's, as in envelope.proto's StatusCode."""

from __future__ import annotations

from typing import Dict, Optional, Type

# gRPC's status names by number (StatusCode in envelope.proto, without the prefix).
CODE_NAMES: Dict[int, str] = {
    0: "OK",
    1: "CANCELLED",
    2: "UNKNOWN",
    3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND",
    6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED",
    8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION",
    10: "ABORTED",
    11: "OUT_OF_RANGE",
    12: "UNIMPLEMENTED",
    13: "INTERNAL",
    14: "UNAVAILABLE",
    15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}


class HadirError(Exception):
    """A call that did not end OK. `code` is gRPC's number, `code_name` its name,
    `detail` the server's reason (naming the field at fault). Each code has its own
    subclass (`InvalidArgument`, `Unauthenticated`, ...), whose `code` is preset."""

    code: int = 2

    def __init__(self, code: Optional[int] = None, detail: str = "") -> None:
        if code is not None:
            self.code = code
        self.detail = detail
        name = self.code_name
        super().__init__(f"{name} ({self.code}): {detail}" if detail else f"{name} ({self.code})")

    @property
    def code_name(self) -> str:
        return CODE_NAMES.get(self.code, f"CODE_{self.code}")

    @staticmethod
    def from_status(code: int, detail: str = "") -> "HadirError":
        """The exception of the most specific class for `code`."""
        return _BY_CODE.get(code, HadirError)(code, detail)


class Cancelled(HadirError):
    """Status CANCELLED (1)."""

    code = 1


class Unknown(HadirError):
    """Status UNKNOWN (2)."""

    code = 2


class InvalidArgument(HadirError):
    """Status INVALID_ARGUMENT (3)."""

    code = 3


class DeadlineExceeded(HadirError):
    """Status DEADLINE_EXCEEDED (4)."""

    code = 4


class NotFound(HadirError):
    """Status NOT_FOUND (5)."""

    code = 5


class AlreadyExists(HadirError):
    """Status ALREADY_EXISTS (6)."""

    code = 6


class PermissionDenied(HadirError):
    """Status PERMISSION_DENIED (7)."""

    code = 7


class ResourceExhausted(HadirError):
    """Status RESOURCE_EXHAUSTED (8)."""

    code = 8


class FailedPrecondition(HadirError):
    """Status FAILED_PRECONDITION (9)."""

    code = 9


class Aborted(HadirError):
    """Status ABORTED (10)."""

    code = 10


class OutOfRange(HadirError):
    """Status OUT_OF_RANGE (11)."""

    code = 11


class Unimplemented(HadirError):
    """Status UNIMPLEMENTED (12)."""

    code = 12


class Internal(HadirError):
    """Status INTERNAL (13)."""

    code = 13


class Unavailable(HadirError):
    """Status UNAVAILABLE (14)."""

    code = 14


class DataLoss(HadirError):
    """Status DATA_LOSS (15)."""

    code = 15


class Unauthenticated(HadirError):
    """Status UNAUTHENTICATED (16)."""

    code = 16


_BY_CODE: Dict[int, Type[HadirError]] = {
    cls.code: cls
    for cls in (
        Cancelled,
        Unknown,
        InvalidArgument,
        DeadlineExceeded,
        NotFound,
        AlreadyExists,
        PermissionDenied,
        ResourceExhausted,
        FailedPrecondition,
        Aborted,
        OutOfRange,
        Unimplemented,
        Internal,
        Unavailable,
        DataLoss,
        Unauthenticated,
    )
}

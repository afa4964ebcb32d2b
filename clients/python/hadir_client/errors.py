"""Status codes as exceptions. The numbers are gRPC's, as in envelope.proto's StatusCode."""
from __future__ import annotations

from typing import Dict, Type

# gRPC's status names by number (StatusCode in envelope.proto, without the prefix).
CODE_NAMES: Dict[int, str] = {
    0: "OK", 1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND", 6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION", 10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED",
    13: "INTERNAL", 14: "UNAVAILABLE", 15: "DATA_LOSS", 16: "UNAUTHENTICATED",
}


class HadirError(Exception):
    """A call that did not end OK. `code` is gRPC's number, `code_name` its name,
    `detail` the server's reason (naming the field at fault)."""

    code: int = 2

    def __init__(self, code: int, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{self.code_name} ({code}): {detail}" if detail else f"{self.code_name} ({code})")

    @property
    def code_name(self) -> str:
        return CODE_NAMES.get(self.code, f"CODE_{self.code}")

    @staticmethod
    def from_status(code: int, detail: str = "") -> "HadirError":
        """The exception of the most specific class for `code`."""
        return _BY_CODE.get(code, HadirError)(code, detail)


def _subclass(name: str, number: int) -> Type[HadirError]:
    def __init__(self: HadirError, code: int = number, detail: str = "") -> None:
        HadirError.__init__(self, code, detail)

    return type(name, (HadirError,), {"code": number, "__init__": __init__,
                                      "__doc__": f"Status {CODE_NAMES[number]} ({number})."})


Cancelled = _subclass("Cancelled", 1)
Unknown = _subclass("Unknown", 2)
InvalidArgument = _subclass("InvalidArgument", 3)
DeadlineExceeded = _subclass("DeadlineExceeded", 4)
NotFound = _subclass("NotFound", 5)
AlreadyExists = _subclass("AlreadyExists", 6)
PermissionDenied = _subclass("PermissionDenied", 7)
ResourceExhausted = _subclass("ResourceExhausted", 8)
FailedPrecondition = _subclass("FailedPrecondition", 9)
Aborted = _subclass("Aborted", 10)
OutOfRange = _subclass("OutOfRange", 11)
Unimplemented = _subclass("Unimplemented", 12)
Internal = _subclass("Internal", 13)
Unavailable = _subclass("Unavailable", 14)
DataLoss = _subclass("DataLoss", 15)
Unauthenticated = _subclass("Unauthenticated", 16)

_BY_CODE: Dict[int, Type[HadirError]] = {
    cls.code: cls for cls in (Cancelled, Unknown, InvalidArgument, DeadlineExceeded, NotFound, AlreadyExists,
                              PermissionDenied, ResourceExhausted, FailedPrecondition, Aborted, OutOfRange,
                              Unimplemented, Internal, Unavailable, DataLoss, Unauthenticated)
}

"""hadir_client: a Python client of the Hadir attendance server, made from proto/ alone.

from hadir_client import HadirClient, proto, errors
with HadirClient("127.0.0.1", 7420, device_token="...") as hadir:
    reply = hadir.check_in(mode=proto.WorkMode.WORK_MODE_WFH)
    day = hadir.get_day()
"""

from . import errors, proto
from .client import HadirClient
from .connection import DEFAULT_PORT, Connection
from .errors import (
    CODE_NAMES,
    DeadlineExceeded,
    FailedPrecondition,
    HadirError,
    InvalidArgument,
    NotFound,
    OutOfRange,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
    Unimplemented,
)
from .framing import FrameReader, encode_varint, frame

__all__ = [
    "CODE_NAMES",
    "Connection",
    "DEFAULT_PORT",
    "DeadlineExceeded",
    "FailedPrecondition",
    "FrameReader",
    "HadirClient",
    "HadirError",
    "InvalidArgument",
    "NotFound",
    "OutOfRange",
    "PermissionDenied",
    "ResourceExhausted",
    "Unauthenticated",
    "Unavailable",
    "Unimplemented",
    "encode_varint",
    "errors",
    "frame",
    "proto",
]

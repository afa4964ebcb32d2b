"""The message classes, as protoc generates them from proto/hadir/v1/*.proto.

The generated modules live in hadir_client/_generated/ (made by generate.py, never
committed). They import each other as `hadir.v1.*_pb2`, protoc's convention, so that
folder goes on sys.path. When it is missing and protoc is on PATH, it is generated on
first import.
"""

from __future__ import annotations

import sys
from pathlib import Path

_GENERATED = Path(__file__).resolve().parent / "_generated"


def _ensure_generated() -> None:
    if not (_GENERATED / "hadir" / "v1" / "envelope_pb2.py").exists():
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "_hadir_generate", Path(__file__).resolve().parent.parent / "generate.py"
        )
        if spec is None or spec.loader is None:  # pragma: no cover
            raise ImportError("hadir_client: generated code missing; run clients/python/generate.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.generate()
    if str(_GENERATED) not in sys.path:
        sys.path.insert(0, str(_GENERATED))


_ensure_generated()

from hadir.v1 import attendance_pb2, directory_pb2, envelope_pb2, session_pb2, worktime_pb2  # noqa: E402

# Envelope
Call = envelope_pb2.Call
Reply = envelope_pb2.Reply
StatusCode = envelope_pb2.StatusCode
Method = envelope_pb2.Method

# SessionService
HelloRequest = session_pb2.HelloRequest
HelloReply = session_pb2.HelloReply

# DirectoryService
Unit = directory_pb2.Unit
UnitKind = directory_pb2.UnitKind
ListUnitsRequest = directory_pb2.ListUnitsRequest
ListUnitsReply = directory_pb2.ListUnitsReply
Employee = directory_pb2.Employee
EmploymentType = directory_pb2.EmploymentType
GetEmployeeRequest = directory_pb2.GetEmployeeRequest
ListReportsRequest = directory_pb2.ListReportsRequest
ListReportsReply = directory_pb2.ListReportsReply

# AttendanceService
WorkMode = attendance_pb2.WorkMode
Place = attendance_pb2.Place
Punch = attendance_pb2.Punch
PunchReply = attendance_pb2.PunchReply
GetDayRequest = attendance_pb2.GetDayRequest
DayStatus = attendance_pb2.DayStatus
WorkSession = attendance_pb2.WorkSession
Day = attendance_pb2.Day
ListDaysRequest = attendance_pb2.ListDaysRequest
ListDaysReply = attendance_pb2.ListDaysReply

# WorkTimeService
GetWeekRequest = worktime_pb2.GetWeekRequest
Week = worktime_pb2.Week
GetMonthRequest = worktime_pb2.GetMonthRequest
Month = worktime_pb2.Month
GetTeamDayRequest = worktime_pb2.GetTeamDayRequest
TeamDay = worktime_pb2.TeamDay
GetUnitReportRequest = worktime_pb2.GetUnitReportRequest
UnitReport = worktime_pb2.UnitReport

__all__ = [name for name in dir() if name[0].isupper()] + [
    "attendance_pb2",
    "directory_pb2",
    "envelope_pb2",
    "session_pb2",
    "worktime_pb2",
]

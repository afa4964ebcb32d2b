"""Typed wrappers, one per method of the contract."""

from __future__ import annotations

from typing import Iterator, Optional

from . import proto
from .connection import Connection

E = proto.envelope_pb2
A = proto.attendance_pb2


class HadirClient(Connection):
    """A Connection with one method per RPC of proto/hadir/v1."""

    # -- AttendanceService --------------------------------------------------------------

    def check_in(
        self,
        event_seq: Optional[int] = None,
        mode: proto.WorkMode = A.WORK_MODE_WFO,
        captured_at_ms: int = 0,
        place_name: str = "",
        timeout: Optional[float] = None,
    ) -> proto.PunchReply:
        """Starts a work session. `event_seq` defaults to a new number; to retry, pass the
        number of the attempt being retried (the server then answers replayed=True)."""
        return self.call(
            E.METHOD_ATTENDANCE_CHECK_IN,
            self._punch(event_seq, mode, captured_at_ms, place_name),
            proto.PunchReply,
            timeout,
        )

    def check_out(
        self,
        event_seq: Optional[int] = None,
        mode: proto.WorkMode = A.WORK_MODE_UNSPECIFIED,
        captured_at_ms: int = 0,
        place_name: str = "",
        timeout: Optional[float] = None,
    ) -> proto.PunchReply:
        """Ends the open work session; retry as for check_in."""
        return self.call(
            E.METHOD_ATTENDANCE_CHECK_OUT,
            self._punch(event_seq, mode, captured_at_ms, place_name),
            proto.PunchReply,
            timeout,
        )

    def punch(self, method: int, punch: proto.Punch, timeout: Optional[float] = None) -> proto.PunchReply:
        """Sends a prepared Punch to CheckIn or CheckOut, as is."""
        return self.call(method, punch, proto.PunchReply, timeout)

    def get_day(self, date: str = "", employee_id: int = 0, timeout: Optional[float] = None) -> proto.Day:
        """One local day ("YYYY-MM-DD", empty for today) of the caller, or of `employee_id`."""
        return self.call(
            E.METHOD_ATTENDANCE_GET_DAY,
            proto.GetDayRequest(date=date, employee_id=employee_id),
            proto.Day,
            timeout,
        )

    def list_days(
        self, date_from: str, date_to: str, employee_id: int = 0, timeout: Optional[float] = None
    ) -> proto.ListDaysReply:
        """Inclusive range of local days (at most 366)."""
        request = proto.ListDaysRequest(employee_id=employee_id)
        setattr(request, "from", date_from)  # `from` is a Python keyword
        request.to = date_to
        return self.call(E.METHOD_ATTENDANCE_LIST_DAYS, request, proto.ListDaysReply, timeout)

    # -- DirectoryService ---------------------------------------------------------------

    def list_units(self, parent_code: str = "", timeout: Optional[float] = None) -> proto.ListUnitsReply:
        return self.call(
            E.METHOD_DIRECTORY_LIST_UNITS,
            proto.ListUnitsRequest(parent_code=parent_code),
            proto.ListUnitsReply,
            timeout,
        )

    def get_employee(
        self, employee_id: int = 0, nip: str = "", timeout: Optional[float] = None
    ) -> proto.Employee:
        """By id, or by NIP; the caller when neither is given."""
        request = proto.GetEmployeeRequest()
        if employee_id:
            request.id = employee_id
        elif nip:
            request.nip = nip
        return self.call(E.METHOD_DIRECTORY_GET_EMPLOYEE, request, proto.Employee, timeout)

    def list_reports(
        self,
        supervisor_id: int = 0,
        page_size: int = 0,
        page_token: str = "",
        timeout: Optional[float] = None,
    ) -> proto.ListReportsReply:
        """One page of a supervisor's direct reports."""
        return self.call(
            E.METHOD_DIRECTORY_LIST_REPORTS,
            proto.ListReportsRequest(supervisor_id=supervisor_id, page_size=page_size, page_token=page_token),
            proto.ListReportsReply,
            timeout,
        )

    def iter_reports(
        self, supervisor_id: int = 0, page_size: int = 0, max_pages: int = 10000
    ) -> Iterator[proto.Employee]:
        """Every direct report of a supervisor, following next_page_token."""
        token = ""
        for _ in range(max_pages):
            page = self.list_reports(supervisor_id, page_size, token)
            yield from page.employees
            token = page.next_page_token
            if not token:
                return
        raise RuntimeError(f"list_reports: more than {max_pages} pages")

    # -- WorkTimeService (the rest: call() with proto.worktime_pb2 messages) -------------

    def get_week(self, date: str = "", employee_id: int = 0, timeout: Optional[float] = None) -> proto.Week:
        """The week (Monday to Sunday) holding `date` (empty: this week)."""
        return self.call(
            E.METHOD_WORK_TIME_GET_WEEK,
            proto.GetWeekRequest(date=date, employee_id=employee_id),
            proto.Week,
            timeout,
        )

    def get_month(
        self, month: str = "", employee_id: int = 0, timeout: Optional[float] = None
    ) -> proto.Month:
        """The month "YYYY-MM" (empty: this month): days, counts, deductions."""
        return self.call(
            E.METHOD_WORK_TIME_GET_MONTH,
            proto.GetMonthRequest(month=month, employee_id=employee_id),
            proto.Month,
            timeout,
        )

    def get_unit_report(
        self,
        unit_code: str,
        date_from: str,
        date_to: str,
        page_size: int = 0,
        page_token: str = "",
        timeout: Optional[float] = None,
    ) -> proto.UnitReport:
        """One page of a unit's compliance over an inclusive range (at most 62 days)."""
        request = proto.GetUnitReportRequest(unit_code=unit_code, page_size=page_size, page_token=page_token)
        setattr(request, "from", date_from)
        request.to = date_to
        return self.call(E.METHOD_WORK_TIME_GET_UNIT_REPORT, request, proto.UnitReport, timeout)

    # -- helpers ------------------------------------------------------------------------

    def _punch(
        self, event_seq: Optional[int], mode: proto.WorkMode, captured_at_ms: int, place_name: str
    ) -> proto.Punch:
        punch = proto.Punch(
            event_seq=self.next_event_seq() if event_seq is None else event_seq,
            mode=mode,
            captured_at_ms=captured_at_ms,
        )
        if place_name:
            punch.place.name = place_name
        return punch

"""A small command line over hadir_client, printing replies as key=value lines.

    python3 -m hadir_client HOST PORT TOKEN hello
    python3 -m hadir_client HOST PORT TOKEN checkin|checkout [--seq N] [--at MS]
                                          [--mode wfo|wfa|wfh|dl] [--place NAME]
    python3 -m hadir_client HOST PORT TOKEN today | day YYYY-MM-DD [--employee ID]
    python3 -m hadir_client HOST PORT TOKEN days FROM TO [--employee ID]

The same lines as clients/c's hadir-c, so that outputs can be compared byte for byte.
A refused call prints `error code=N name=NAME detail="..."` on stderr and exits 1.
"""

from __future__ import annotations

import argparse
import sys

from . import proto
from .client import HadirClient
from .errors import HadirError

A = proto.attendance_pb2
MODES = {"wfo": A.WORK_MODE_WFO, "wfa": A.WORK_MODE_WFA, "wfh": A.WORK_MODE_WFH, "dl": A.WORK_MODE_DINAS_LUAR}


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hello_line(h: proto.HelloReply) -> str:
    return (
        f"hello employee_id={h.employee_id} nip={h.nip} name={quote(h.name)} unit_code={h.unit_code} "
        f"time_zone={h.time_zone} last_event_seq={h.last_event_seq}"
    )


def punch_line(r: proto.PunchReply) -> str:
    replayed = "true" if r.replayed else "false"
    return f"punch event_id={r.event_id} recorded_at_ms={r.recorded_at_ms} replayed={replayed}"


def day_lines(d: proto.Day) -> list[str]:
    lines = [
        f"day date={d.date} employee_id={d.employee_id} status={proto.DayStatus.Name(d.status)} "
        f"worked_seconds={d.worked_seconds} break_seconds={d.break_seconds} "
        f"required_seconds={d.required_seconds} holiday={quote(d.holiday)} sessions={len(d.sessions)}"
    ]
    for s in d.sessions:
        lines.append(
            f"session check_in_ms={s.check_in_ms} check_out_ms={s.check_out_ms} "
            f"mode={proto.WorkMode.Name(s.mode)} place_name={quote(s.place_name)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m hadir_client",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("token")
    parser.add_argument("command", choices=["hello", "checkin", "checkout", "today", "day", "days"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--seq", type=int, help="event_seq (default: one past the server's last_event_seq)")
    parser.add_argument("--at", type=int, default=0, help="captured_at_ms (default 0: now)")
    parser.add_argument("--mode", choices=sorted(MODES))
    parser.add_argument("--place", default="")
    parser.add_argument("--employee", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=10.0)
    a = parser.parse_args(argv)
    try:
        with HadirClient(a.host, a.port, a.token, timeout=a.timeout) as hadir:
            print(hello_line(hadir.hello))
            if a.command in ("checkin", "checkout"):
                mode = (
                    MODES[a.mode]
                    if a.mode
                    else (A.WORK_MODE_WFO if a.command == "checkin" else A.WORK_MODE_UNSPECIFIED)
                )
                punch = hadir.check_in if a.command == "checkin" else hadir.check_out
                print(punch_line(punch(event_seq=a.seq, mode=mode, captured_at_ms=a.at, place_name=a.place)))
                print("\n".join(day_lines(hadir.get_day())))
            elif a.command in ("today", "day"):
                date = a.args[0] if a.command == "day" and a.args else ""
                print("\n".join(day_lines(hadir.get_day(date, a.employee))))
            elif a.command == "days":
                if len(a.args) != 2:
                    parser.error("days needs FROM TO")
                reply = hadir.list_days(a.args[0], a.args[1], a.employee)
                for day in reply.days:
                    print("\n".join(day_lines(day)))
                print(f"total worked_seconds={reply.worked_seconds} days={len(reply.days)}")
    except HadirError as error:
        print(f"error code={error.code} name={error.code_name} detail={quote(error.detail)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

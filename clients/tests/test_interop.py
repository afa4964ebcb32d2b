"""Interop: the Python client, the C client and the Swift CLI against one hadir-server.

Driven by clients/interop_test.sh, which builds everything, starts the server on
127.0.0.1 and sets HADIR_PORT, HADIR_TOKENS, HADIR_SWIFT_CLI and HADIR_C_CLI.
What one client writes, the others must read identically.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest

CLIENTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CLIENTS / "python"))

import hadir_client as hc  # noqa: E402
from hadir_client import proto  # noqa: E402
from hadir_client.__main__ import day_lines  # noqa: E402

HOST = "127.0.0.1"
PORT = int(os.environ.get("HADIR_PORT", "0"))
TOKENS = os.environ.get("HADIR_TOKENS", "")
SWIFT = os.environ.get("HADIR_SWIFT_CLI", "")
C_CLI = os.environ.get("HADIR_C_CLI", "")

pytestmark = pytest.mark.skipif(
    not (PORT and TOKENS and SWIFT and C_CLI), reason="run through clients/interop_test.sh"
)

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover
    ZoneInfo = None  # type: ignore


def devices() -> List[Dict[str, str]]:
    with open(TOKENS, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


# Employees by role in this test; fresh devices, far from those the payroll test reads.
ROLES = {"A": 40, "B": 41, "C": 42, "D": 43, "E": 44}
WRITTEN: Dict[str, Dict[str, object]] = {}  # role -> what its writer was told


def device(role: str) -> Dict[str, str]:
    return devices()[ROLES[role]]


def zone() -> dt.tzinfo:
    with hc.HadirClient(HOST, PORT, device("A")["token"]) as c:
        name = c.hello.time_zone
    return ZoneInfo(name) if ZoneInfo else dt.timezone(dt.timedelta(hours=7))


def times(minutes_in: int, minutes_out: int) -> tuple[int, int, str]:
    """Whole-second instants of a check-in and a check-out in the recent past, on one
    local day, and that day's date."""
    tz = zone()
    now = int(time.time())
    t_in, t_out = now - minutes_in * 60, now - minutes_out * 60
    day_in = dt.datetime.fromtimestamp(t_in, tz).date()
    if day_in != dt.datetime.fromtimestamp(t_out, tz).date():  # just past midnight: stay on today
        midnight = int(
            dt.datetime.combine(dt.datetime.fromtimestamp(now, tz).date(), dt.time(), tz).timestamp()
        )
        t_in, t_out = midnight + 1, min(now, midnight + 2)
        day_in = dt.datetime.fromtimestamp(t_in, tz).date()
    return t_in * 1000, t_out * 1000, day_in.isoformat()


def run(cmd: List[str], ok: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if ok and proc.returncode != 0:
        raise AssertionError(
            f"{cmd[0]} exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc


def c_cli(role: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    return run([C_CLI, HOST, str(PORT), device(role)["token"], *args], ok)


def swift_cli(role: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    return run(
        [SWIFT, *args, "--server", f"{HOST}:{PORT}", "--tokens", TOKENS, "--nip", device(role)["nip"]], ok
    )


def kv(line: str) -> Dict[str, str]:
    return dict(re.findall(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)', line))


def python_day(role: str, date: str) -> proto.Day:
    with hc.HadirClient(HOST, PORT, device(role)["token"]) as c:
        return c.get_day(date)


# What the Swift CLI prints for a day (Sources/hadir/Format.swift), from a Day message.
def duration(seconds: int) -> str:
    s = max(0, seconds)
    text = f"{s // 3600}h{s // 60 % 60:02d}m"
    return text if s % 60 == 0 else text + f"{s % 60:02d}s"


def swift_day_text(day: proto.Day, name: str, nip: str, tz: dt.tzinfo) -> str:
    status = proto.DayStatus.Name(day.status).replace("DAY_STATUS_", "").lower()
    lines = [
        f"{name} ({nip}), {day.date}: {status}, worked {duration(day.worked_seconds)} "
        f"of {duration(day.required_seconds)}, break {duration(day.break_seconds)}"
    ]
    if day.holiday:
        lines.append(f"  holiday: {day.holiday}")
    modes = {1: "WFO", 2: "WFA", 3: "WFH", 4: "DL"}
    for s in day.sessions:
        start = (
            dt.datetime.fromtimestamp(s.check_in_ms / 1000, tz).strftime("%H:%M:%S")
            if s.check_in_ms
            else "--:--:--"
        )
        end = (
            dt.datetime.fromtimestamp(s.check_out_ms / 1000, tz).strftime("%H:%M:%S")
            if s.check_out_ms
            else "(open)"
        )
        place = f" at {s.place_name}" if s.place_name else ""
        lines.append(f"  {start} - {end}  {modes.get(s.mode, '-')}{place}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Writers


def test_python_checks_in_and_out_A_and_B_concurrently():
    results: Dict[str, object] = {}

    def work(role: str, minutes_in: int, minutes_out: int) -> None:
        try:
            t_in, t_out, date = times(minutes_in, minutes_out)
            with hc.HadirClient(HOST, PORT, device(role)["token"]) as c:
                seq_in = c.next_event_seq()
                r_in = c.check_in(
                    event_seq=seq_in,
                    mode=proto.WorkMode.WORK_MODE_WFH,
                    captured_at_ms=t_in,
                    place_name=f"Rumah {role}",
                )
                seq_out = c.next_event_seq()
                r_out = c.check_out(event_seq=seq_out, captured_at_ms=t_out)
                results[role] = dict(
                    date=date,
                    punches=[
                        dict(
                            kind="in",
                            seq=seq_in,
                            mode=3,
                            at=t_in,
                            place=f"Rumah {role}",
                            event_id=r_in.event_id,
                            recorded_at_ms=r_in.recorded_at_ms,
                            replayed=r_in.replayed,
                        ),
                        dict(
                            kind="out",
                            seq=seq_out,
                            mode=0,
                            at=t_out,
                            place="",
                            event_id=r_out.event_id,
                            recorded_at_ms=r_out.recorded_at_ms,
                            replayed=r_out.replayed,
                        ),
                    ],
                )
        except BaseException as error:  # reported below
            results[role] = error

    threads = [
        threading.Thread(target=work, args=("A", 47, 23)),
        threading.Thread(target=work, args=("B", 45, 12)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for role in "AB":
        assert not isinstance(results.get(role), BaseException), results.get(role)
        assert role in results, f"{role}: no result"
        punches = results[role]["punches"]  # type: ignore[index]
        assert [p["replayed"] for p in punches] == [False, False]
        assert punches[0]["event_id"] != punches[1]["event_id"]
        WRITTEN[role] = results[role]  # type: ignore[assignment]


def test_c_checks_in_and_out_C_and_reads_the_day():
    t_in, t_out, date = times(50, 20)
    punches = []
    for kind, at, extra in (
        ("checkin", t_in, ["--mode", "wfa", "--place", "Balai RW 05"]),
        ("checkout", t_out, []),
    ):
        out = c_cli("C", kind, "--at", str(at), *extra).stdout.splitlines()
        hello, punch = kv(out[0]), kv(out[1])
        assert out[0].startswith("hello ") and out[1].startswith("punch ") and out[2].startswith("day ")
        assert hello["nip"] == device("C")["nip"]
        assert punch["replayed"] == "false"
        punches.append(
            dict(
                kind=kind[5:],
                seq=int(hello["last_event_seq"]) + 1,
                mode=2 if kind == "checkin" else 0,
                at=at,
                place="Balai RW 05" if kind == "checkin" else "",
                event_id=int(punch["event_id"]),
                recorded_at_ms=int(punch["recorded_at_ms"]),
                replayed=False,
            )
        )
    day = c_cli("C", "day", date).stdout.splitlines()[1:]
    assert kv(day[0])["sessions"] == "1" and kv(day[1])["check_out_ms"] == str(punches[1]["recorded_at_ms"])
    WRITTEN["C"] = dict(date=date, punches=punches)


def test_swift_cli_checks_in_and_out_D():
    t_in, t_out, date = times(55, 5)
    punches = []
    for seq, (kind, at) in enumerate((("checkin", t_in), ("checkout", t_out)), start=1):
        iso = dt.datetime.fromtimestamp(at / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = swift_cli("D", kind, "--at", iso).stdout
        match = re.search(r"event id (\d+) \(device event \d+\)( \(already stored\))?", out)
        assert match and not match.group(2), out
        punches.append(
            dict(
                kind=kind[5:],
                seq=seq,
                mode=1 if kind == "checkin" else 0,
                at=at,
                place="",
                event_id=int(match.group(1)),
                recorded_at_ms=None,
                replayed=False,
            )
        )
    WRITTEN["D"] = dict(date=date, punches=punches)


# ---------------------------------------------------------------------------------------
# Readers: everyone reads what everyone wrote


@pytest.mark.parametrize("role", ["A", "B", "C", "D"])
def test_python_c_and_swift_read_the_same_day(role: str):
    written = WRITTEN.get(role)
    assert written, f"{role} was not written (an earlier test failed)"
    date = str(written["date"])
    day = python_day(role, date)
    punches = written["punches"]  # type: ignore[index]
    # The session the writer made is there, with the instants the server recorded.
    assert len(day.sessions) == 1, day
    session = day.sessions[0]
    if punches[0]["recorded_at_ms"] is not None:
        assert session.check_in_ms == punches[0]["recorded_at_ms"]
        assert session.check_out_ms == punches[1]["recorded_at_ms"]
    assert session.mode == punches[0]["mode"]
    assert session.place_name == punches[0]["place"]
    assert day.worked_seconds == (session.check_out_ms - session.check_in_ms) // 1000
    # The C client reads the very same day, field for field.
    c_lines = c_cli(role, "day", date).stdout.splitlines()[1:]
    assert c_lines == day_lines(day)
    # The Swift CLI too, as it formats it.
    dev = device(role)
    with hc.HadirClient(HOST, PORT, dev["token"]) as c:
        hello = c.hello
    swift = swift_cli(role, "day", date).stdout.rstrip("\n")
    assert swift == swift_day_text(day, hello.name, hello.nip, zone())
    # And a range read agrees with the single day.
    with hc.HadirClient(HOST, PORT, dev["token"]) as c:
        days = c.list_days(date, date)
    assert list(days.days) == [day] and days.worked_seconds == day.worked_seconds


@pytest.mark.parametrize("role", ["A", "B", "C", "D"])
def test_retries_from_another_client_get_the_same_event_ids(role: str):
    """Python resends every event of A, B (its own), C (written by C) and D (written by
    the Swift CLI) with the same event_seq: each is answered replayed with the event id
    its writer was given, and nothing new is stored."""
    written = WRITTEN.get(role)
    assert written, f"{role} was not written (an earlier test failed)"
    before = python_day(role, str(written["date"]))
    with hc.HadirClient(HOST, PORT, device(role)["token"]) as c:
        assert c.hello.last_event_seq == 2
        for p in written["punches"]:  # type: ignore[index]
            send = c.check_in if p["kind"] == "in" else c.check_out
            reply = send(event_seq=p["seq"], mode=p["mode"], captured_at_ms=p["at"], place_name=p["place"])
            assert reply.replayed, (role, p)
            assert reply.event_id == p["event_id"], (role, p, reply)
            if p["recorded_at_ms"] is not None:
                assert reply.recorded_at_ms == p["recorded_at_ms"]
    assert python_day(role, str(written["date"])) == before


def test_c_retries_an_event_python_wrote():
    p = WRITTEN["A"]["punches"][1]  # type: ignore[index]
    out = c_cli("A", "checkout", "--seq", str(p["seq"]), "--at", str(p["at"])).stdout.splitlines()
    punch = kv(out[1])
    assert punch == {
        "event_id": str(p["event_id"]),
        "recorded_at_ms": str(p["recorded_at_ms"]),
        "replayed": "true",
    }


def test_python_reads_a_day_left_open_by_c():
    t_in, _, date = times(30, 1)
    c_cli("E", "checkin", "--at", str(t_in))
    day = python_day("E", date)
    assert len(day.sessions) == 1 and day.sessions[0].check_out_ms == 0
    assert day.worked_seconds > 0
    # Swift reads the open session too.
    assert "(open)" in swift_cli("E", "day", date).stdout


# ---------------------------------------------------------------------------------------
# Error paths


def test_bad_token_is_unauthenticated():
    with pytest.raises(hc.Unauthenticated) as caught:
        hc.HadirClient(HOST, PORT, "not-a-token")
    assert caught.value.code == 16 and caught.value.code_name == "UNAUTHENTICATED"
    assert caught.value.detail
    proc = run([C_CLI, HOST, str(PORT), "not-a-token", "today"], ok=False)
    assert proc.returncode == 1 and "name=UNAUTHENTICATED" in proc.stderr


def test_event_seq_zero_is_invalid_argument_naming_the_field():
    with hc.HadirClient(HOST, PORT, device("A")["token"]) as c:
        with pytest.raises(hc.InvalidArgument) as caught:
            c.check_in(event_seq=0)
    assert caught.value.code == 3 and "event_seq" in caught.value.detail
    proc = c_cli("A", "checkin", "--seq", "0", ok=False)
    assert (
        proc.returncode == 1 and "code=3 name=INVALID_ARGUMENT" in proc.stderr and "event_seq" in proc.stderr
    )


def test_retry_is_replayed_with_the_same_event_id():
    t_in, _, _ = times(3, 1)
    with hc.HadirClient(HOST, PORT, devices()[45]["token"]) as c:
        seq = c.next_event_seq()
        first = c.check_in(event_seq=seq, captured_at_ms=t_in)
        again = c.check_in(event_seq=seq, captured_at_ms=t_in)
    with hc.HadirClient(HOST, PORT, devices()[45]["token"]) as c:  # after a reconnect too
        third = c.check_in(event_seq=seq, captured_at_ms=t_in)
    assert not first.replayed and again.replayed and third.replayed
    assert first.event_id == again.event_id == third.event_id
    assert first.recorded_at_ms == again.recorded_at_ms == third.recorded_at_ms


def test_other_statuses():
    with hc.HadirClient(HOST, PORT, devices()[46]["token"]) as c:
        with pytest.raises(hc.FailedPrecondition):
            c.check_out()  # no open session
        with pytest.raises(hc.HadirError) as caught:
            c.call(99, proto.GetDayRequest(), proto.Day)
        assert caught.value.code == 12  # UNIMPLEMENTED
        with pytest.raises(hc.InvalidArgument) as caught:
            c.get_day("2026-13-45")
        assert "date" in caught.value.detail
        with pytest.raises(hc.NotFound):
            c.get_employee(nip="000000000000000000")


def test_week_month_and_unit_report_agree_with_the_days():
    with hc.HadirClient(HOST, PORT, device("A")["token"]) as c:
        date = WRITTEN["A"]["date"]
        week = c.get_week(date)
        assert len(week.days) == 7
        assert week.worked_seconds == sum(day.worked_seconds for day in week.days)
        assert any(
            day.date == date and day.worked_seconds == c.get_day(date).worked_seconds for day in week.days
        )
        month = c.get_month(date[:7])
        assert month.worked_seconds == sum(day.worked_seconds for day in month.days)


def test_an_oversized_request_is_refused_here_and_the_connection_lives():
    with hc.HadirClient(HOST, PORT, devices()[47]["token"]) as c:
        punch = proto.Punch(event_seq=1, mode=proto.WorkMode.WORK_MODE_WFO)
        punch.place.name = "x" * (c.hello.max_frame_bytes + 10)
        with pytest.raises(hc.ResourceExhausted) as caught:
            c.punch(proto.Method.METHOD_ATTENDANCE_CHECK_IN, punch)
        assert "frame limit" in caught.value.detail
        assert c.get_day().date  # still connected


def test_a_call_before_hello_is_unauthenticated():
    with socket.create_connection((HOST, PORT), timeout=10) as s:
        s.sendall(
            hc.frame(proto.Call(id=9, method=proto.Method.METHOD_ATTENDANCE_GET_DAY).SerializeToString())
        )
        payload = hc.FrameReader(s).read()
    reply = proto.Reply()
    reply.ParseFromString(payload or b"")
    assert reply.id == 9 and reply.status == 16 and not reply.body


def test_many_calls_in_flight_on_one_connection():
    with hc.HadirClient(HOST, PORT, device("A")["token"]) as c:
        # Raw futures: all sent before any reply is read.
        dates = [f"2026-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 9, 17, 25)]
        futures = [
            (date, c.call_async(proto.Method.METHOD_ATTENDANCE_GET_DAY, proto.GetDayRequest(date=date)))
            for date in dates
        ]
        for date, future in futures:
            reply = future.result(timeout=30)
            assert reply.status == 0, reply
            day = proto.Day()
            day.ParseFromString(reply.body)
            assert day.date == date
        # Many threads sharing the connection through call().
        errors: List[BaseException] = []

        def worker(offset: int) -> None:
            try:
                for i in range(20):
                    date = dates[(offset + i) % len(dates)]
                    assert c.get_day(date).date == date
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors[:3]


def test_payroll_example_writes_a_csv(tmp_path: Path):
    out = tmp_path / "payroll.csv"
    month = dt.date.today().strftime("%Y-%m")
    proc = run(
        [
            sys.executable,
            str(CLIENTS / "python" / "examples" / "payroll_month.py"),
            "--server",
            f"{HOST}:{PORT}",
            "--tokens",
            TOKENS,
            "--month",
            month,
            "--out",
            str(out),
        ]
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows, proc.stderr
    assert list(rows[0].keys()) == ["nip", "name", "date", "status", "worked_seconds"]
    people = {r["nip"] for r in rows}
    days_in_month = {r["date"] for r in rows}
    assert len(rows) == len(people) * len(days_in_month)
    assert all(d.startswith(month) for d in days_in_month)

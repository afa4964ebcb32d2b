#!/usr/bin/env python3
"""Payroll export: one unit's attendance for a month, as CSV.

    python3 clients/python/examples/payroll_month.py --server 127.0.0.1:7420 \
        --tokens var/tokens.tsv --month 2026-12 [--unit DISKOMINFO] [--out payroll.csv]

Reads the unit (ListUnits, walking down from the top-level units), its head
(Unit.head_employee_id, GetEmployee), then everyone below the head (ListReports, page by
page, level by level), then each person's days of the month (ListDays, many calls in
flight on one connection), and writes: nip, name, date, status, worked_seconds.

The server lets a supervisor read the days of the people below them, so the reads run
with the unit head's device token, taken from the enrolment file (nip, employee_id,
name, token). Without --unit, the unit with the most employees whose head is enrolled
in the file is taken.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import sys
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hadir_client import HadirClient, HadirError, proto  # noqa: E402

MAX_UNITS = 5000
MAX_PEOPLE = 20000


def read_tokens(path: str) -> Dict[int, Dict[str, str]]:
    """employee_id -> row of the enrolment file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {int(row["employee_id"]): row for row in rows}


def all_units(client: HadirClient) -> List[proto.Unit]:
    units: List[proto.Unit] = []
    queue = deque([""])
    while queue and len(units) < MAX_UNITS:
        for unit in client.list_units(queue.popleft()).units:
            units.append(unit)
            queue.append(unit.code)
    return units


def people_below(client: HadirClient, head_id: int) -> List[proto.Employee]:
    found: List[proto.Employee] = []
    seen = {head_id}
    queue = deque([head_id])
    while queue and len(found) < MAX_PEOPLE:
        for employee in client.iter_reports(queue.popleft(), page_size=100):
            if employee.id not in seen:
                seen.add(employee.id)
                found.append(employee)
                queue.append(employee.id)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server", default="127.0.0.1:7420", help="HOST:PORT")
    parser.add_argument("--tokens", required=True, help="enrolment file from `hadir init`")
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("--unit", help="unit code (default: the largest with an enrolled head)")
    parser.add_argument("--out", default="-", help="CSV file (default: standard output)")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    year, month = (int(part) for part in args.month.split("-"))
    first = f"{year:04d}-{month:02d}-01"
    last = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    devices = read_tokens(args.tokens)
    if not devices:
        parser.error(f"{args.tokens} lists no device")

    any_device = next(iter(devices.values()))
    with HadirClient(host, int(port), any_device["token"]) as client:
        units = all_units(client)
    if args.unit:
        chosen = [u for u in units if u.code == args.unit]
        if not chosen:
            parser.error(f"--unit: no unit {args.unit!r} among {len(units)} units")
        unit = chosen[0]
    else:
        candidates = [u for u in units if u.head_employee_id in devices]
        if not candidates:
            parser.error("no unit has a head enrolled in the tokens file")
        unit = max(candidates, key=lambda u: (u.employee_count, u.code))
    if unit.head_employee_id == 0:
        parser.error(f"unit {unit.code} has no head: nobody can read its days")
    head_device = devices.get(unit.head_employee_id)
    if head_device is None:
        parser.error(f"the head of {unit.code} (employee {unit.head_employee_id}) is not in {args.tokens}")

    with HadirClient(host, int(port), head_device["token"], timeout=30) as head:
        boss = head.get_employee(employee_id=unit.head_employee_id)
        people = [boss] + people_below(head, boss.id)
        print(
            f"{unit.code} ({unit.name}): head {boss.name} ({boss.nip}), "
            f"{len(people)} people, {first}..{last}",
            file=sys.stderr,
        )

        def days(employee: proto.Employee) -> proto.ListDaysReply:
            return head.list_days(first, last, employee_id=employee.id)

        # One connection, many calls in flight.
        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(lambda e: (e, _try(days, e)), people))

    failures = 0
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    try:
        writer = csv.writer(out)
        writer.writerow(["nip", "name", "date", "status", "worked_seconds"])
        for employee, reply in results:
            if isinstance(reply, HadirError):
                failures += 1
                print(f"{employee.nip} {employee.name}: {reply}", file=sys.stderr)
                continue
            for day in reply.days:
                writer.writerow(
                    [
                        employee.nip,
                        employee.name,
                        day.date,
                        proto.DayStatus.Name(day.status).replace("DAY_STATUS_", ""),
                        day.worked_seconds,
                    ]
                )
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"wrote {len(results) - failures} people x days to {args.out}; {failures} refused", file=sys.stderr)
    return 1 if failures else 0


def _try(fn, employee):  # type: ignore[no-untyped-def]
    try:
        return fn(employee)
    except HadirError as error:
        return error


if __name__ == "__main__":
    sys.exit(main())

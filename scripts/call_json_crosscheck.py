#!/usr/bin/env python3
"""Cross-checks `hadir call`'s JSON mapping against the Python protobuf runtime
(google.protobuf.json_format): for contract messages built in Python, our JSON of
Python's bytes must equal MessageToJson's, and our bytes of Python's JSON must parse
back to the same message. Run after `swift build`; skips when protobuf is missing."""

import json, os, subprocess, sys, tempfile

try:
    from google.protobuf import json_format
except ImportError:
    print("skipped: python protobuf is not installed (pip install 'protobuf>=4.21.12,<5')")
    # In CI the interop test has installed it: a skip there would hide the check.
    sys.exit(1 if os.environ.get("CI") else 0)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bin_dir = subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=root, text=True).strip()
hadir = os.path.join(bin_dir, "hadir")
out = tempfile.mkdtemp()
protos = sorted(os.path.join("proto/hadir/v1", f) for f in os.listdir(os.path.join(root, "proto/hadir/v1")))
subprocess.check_call(["protoc", "-I", "proto", "--python_out", out] + protos, cwd=root)
sys.path.insert(0, out)
from hadir.v1 import attendance_pb2 as a, directory_pb2 as d, envelope_pb2 as e, session_pb2 as s

messages = [
    a.Punch(
        event_seq=7,
        mode=a.WORK_MODE_WFH,
        captured_at_ms=-1764806400123,
        place=a.Place(name='Balai RW 05 \u00e9"\\', latitude=-7.2575, longitude=112.7521, accuracy_m=0.1),
    ),
    a.Punch(place=a.Place()),
    a.PunchReply(event_id=2**64 - 1, recorded_at_ms=-(2**63), replayed=True),
    a.Day(
        date="2026-12-04",
        status=a.DAY_STATUS_MET,
        worked_seconds=27000,
        required_seconds=27000,
        employee_id=42,
        sessions=[
            a.WorkSession(check_in_ms=1, check_out_ms=2, mode=a.WORK_MODE_DINAS_LUAR, place_name="x"),
            a.WorkSession(),
        ],
    ),
    a.Day(status=99),
    a.ListDaysReply(days=[a.Day(date="2026-12-01"), a.Day(holiday="Natal")], worked_seconds=5),
    d.Unit(code="KEL-X", kind=d.UNIT_KIND_KELURAHAN, head_employee_id=3, employee_count=4294967295),
    d.GetEmployeeRequest(id=0),
    d.GetEmployeeRequest(nip="198001012005011001"),
    d.Employee(id=1, nip="2", employment_type=d.EMPLOYMENT_TYPE_PPPK, is_head=True),
    d.ListReportsReply(employees=[d.Employee(id=5)], next_page_token="abc"),
    e.Call(id=5, method=e.METHOD_ATTENDANCE_CHECK_IN, body=bytes([0x08, 0x07, 0x10, 0x03, 0xFF, 0xFE])),
    e.Reply(id=6, status=e.STATUS_CODE_FAILED_PRECONDITION, detail="check_out: no open check-in"),
    s.HelloReply(
        server_time_ms=1764806400123,
        employee_id=9,
        time_zone="Asia/Jakarta",
        max_frame_bytes=65536,
        clock_offset_ms=-250,
    ),
    a.Place(latitude=float("nan"), longitude=float("-inf"), accuracy_m=float("inf")),
    a.Place(latitude=1e300, longitude=5e-324, accuracy_m=3.4028234663852886e38),
]

failures = 0
for message in messages:
    name = message.DESCRIPTOR.full_name
    for defaults in (False, True):
        flags = ["--emit-defaults"] if defaults else []
        ours = subprocess.run(
            [hadir, "call", "--decode", name] + flags,
            input=message.SerializeToString(),
            capture_output=True,
            check=True,
        ).stdout
        theirs = json_format.MessageToJson(message, including_default_value_fields=defaults)
        if json.loads(ours) != json.loads(theirs):
            failures += 1
            print(
                f"FAIL decode {name} defaults={defaults}:\n"
                f"  ours   {ours.decode().strip()}\n  python {theirs}"
            )
    # Python's JSON through our encoder parses back to the same message.
    theirs = json_format.MessageToJson(message)
    ours = subprocess.run([hadir, "call", "--encode", name, theirs], capture_output=True, check=True).stdout
    back = type(message)()
    back.ParseFromString(ours)
    same = back == message or (str(back) == str(message))  # NaN != NaN
    if not same:
        failures += 1
        print(f"FAIL encode {name}: {theirs} gave {back}")
    else:
        print(f"ok   {name}: {json.dumps(json.loads(theirs), ensure_ascii=False)[:90]}")

if failures:
    print(f"{failures} differences from python protobuf")
    sys.exit(1)
print(f"all {len(messages)} messages agree with python protobuf {json_format.__name__}")

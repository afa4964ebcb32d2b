"""Offline tests of hadir_client: framing, the README's worked example, errors, timeouts."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import hadir_client as hc  # noqa: E402
from hadir_client import proto  # noqa: E402


def test_varint_and_frame():
    assert hc.encode_varint(0) == b"\x00"
    assert hc.encode_varint(127) == b"\x7f"
    assert hc.encode_varint(300) == b"\xac\x02"
    assert hc.frame(b"") == b"\x00"


def test_readme_worked_check_in_bytes():
    punch = proto.Punch(event_seq=7, mode=proto.WorkMode.WORK_MODE_WFH)
    assert punch.SerializeToString().hex(" ") == "08 07 10 03"
    call = proto.Call(id=5, method=proto.Method.METHOD_ATTENDANCE_CHECK_IN, body=punch.SerializeToString())
    assert hc.frame(call.SerializeToString()).hex(" ") == "0a 08 05 10 14 1a 04 08 07 10 03"
    reply = proto.Reply()
    reply.ParseFromString(bytes.fromhex("08 05 1a 0b 08 95 ba 02 10 fb b0 a2 b5 ae 33"))
    body = proto.PunchReply()
    body.ParseFromString(reply.body)
    assert (reply.id, reply.status, body.event_id, body.recorded_at_ms) == (5, 0, 40213, 1764806400123)
    refusal = proto.Reply()
    detail = "check_out: no open check-in in the last 16 h"
    refusal.ParseFromString(b"\x08\x06\x10\x09\x22" + bytes([len(detail.encode())]) + detail.encode())
    error = hc.HadirError.from_status(refusal.status, refusal.detail)
    assert (
        isinstance(error, hc.FailedPrecondition)
        and error.code == 9
        and error.code_name == "FAILED_PRECONDITION"
    )


def test_frame_reader_splits_and_joins():
    a, b = socket.socketpair()
    try:
        payloads = [b"", b"x" * 200, b"hello"]
        data = b"".join(hc.frame(p) for p in payloads)
        for i in range(0, len(data), 3):  # dribble the bytes
            a.sendall(data[i : i + 3])
        a.shutdown(socket.SHUT_WR)
        reader = hc.FrameReader(b)
        assert [reader.read() for _ in payloads] == payloads
        assert reader.read() is None
    finally:
        a.close()
        b.close()


def test_errors_carry_codes():
    for code, name in hc.CODE_NAMES.items():
        if code == 0:
            continue
        error = hc.HadirError.from_status(code, "why")
        assert isinstance(error, hc.HadirError)
        assert (error.code, error.code_name, error.detail) == (code, name, "why")
    assert isinstance(hc.HadirError.from_status(16), hc.Unauthenticated)
    assert isinstance(hc.HadirError.from_status(3), hc.InvalidArgument)
    assert hc.HadirError.from_status(99).code_name == "CODE_99"


class SilentServer:
    """Accepts connections on 127.0.0.1 and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        try:
            while True:
                conn, _ = self.sock.accept()
                self.conns.append(conn)
        except OSError:
            pass

    def close(self) -> None:
        for conn in self.conns:
            conn.close()
        self.sock.close()


def test_timeout_is_deadline_exceeded():
    server = SilentServer()
    try:
        started = time.monotonic()
        with pytest.raises(hc.DeadlineExceeded) as caught:
            hc.Connection("127.0.0.1", server.port, "token", timeout=0.5)
        assert caught.value.code == 4 and caught.value.code_name == "DEADLINE_EXCEEDED"
        assert 0.4 < time.monotonic() - started < 5
    finally:
        server.close()


def test_connection_refused_is_unavailable():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nobody listens there now
    with pytest.raises(hc.Unavailable):
        hc.Connection("127.0.0.1", port, "token", timeout=2)


class SlowServer:
    """Answers Hello at once (two calls in flight allowed), every other call after a
    delay, and records the most calls it ever held unanswered at once."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.outstanding = 0
        self.most = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        self.conn = conn
        reader = hc.FrameReader(conn)
        send_lock = threading.Lock()
        while True:
            payload = reader.read()
            if payload is None:
                return
            call = proto.Call()
            call.ParseFromString(payload)
            if call.method == proto.Method.METHOD_SESSION_HELLO:
                hello = proto.HelloReply(max_calls_in_flight=2, max_frame_bytes=65536)
                conn.sendall(
                    hc.frame(proto.Reply(id=call.id, body=hello.SerializeToString()).SerializeToString())
                )
                continue
            with self.lock:
                self.outstanding += 1
                self.most = max(self.most, self.outstanding)

            def answer(call_id: int = call.id) -> None:
                time.sleep(self.delay)
                with self.lock:
                    self.outstanding -= 1
                with send_lock:
                    conn.sendall(hc.frame(proto.Reply(id=call_id).SerializeToString()))

            threading.Thread(target=answer, daemon=True).start()

    def close(self) -> None:
        self.sock.close()


def test_a_timed_out_call_keeps_its_slot_until_the_server_answers():
    server = SlowServer(delay=0.3)
    try:
        with hc.Connection("127.0.0.1", server.port, "token", timeout=5) as c:
            errors = []

            def one() -> None:
                try:
                    c.call(
                        proto.Method.METHOD_ATTENDANCE_GET_DAY, proto.GetDayRequest(), proto.Day, timeout=0.05
                    )
                except hc.DeadlineExceeded as error:
                    errors.append(error)

            threads = [threading.Thread(target=one) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert len(errors) == 6
            time.sleep(0.8)
            # The server never held more than the two calls it allows.
            assert server.most == 2
            # And the slots come back once the late replies arrive.
            c.call(proto.Method.METHOD_ATTENDANCE_GET_DAY, proto.GetDayRequest(), proto.Day, timeout=2)
    finally:
        server.close()

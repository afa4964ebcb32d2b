"""A connection to a Hadir server: framing, Hello, calls matched by id, many in flight."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Dict, Optional, Type, TypeVar

from google.protobuf.message import DecodeError, Message

from . import proto
from .errors import DeadlineExceeded, HadirError, ResourceExhausted, Unavailable
from .framing import FrameReader, frame

M = TypeVar("M", bound=Message)
C = TypeVar("C", bound="Connection")

DEFAULT_PORT = 7420
CLIENT_NAME = "hadir-python/0.1"


class Connection:
    """One TCP connection, past Hello.

    `Connection(host, port, device_token, timeout)` connects and says Hello; a refused
    token raises `Unauthenticated`. `hello` holds the server's HelloReply. Calls may be
    made from many threads at once: a reader thread matches replies to calls by id. At
    most `hello.max_calls_in_flight` calls are sent unanswered; more wait their turn.
    """

    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        device_token: str = "",
        timeout: float = 10.0,
        client_name: str = CLIENT_NAME,
    ) -> None:
        self.timeout = timeout
        try:
            self._sock = socket.create_connection((host, port), timeout=timeout)
        except socket.timeout as error:
            raise DeadlineExceeded(detail=f"connect to {host}:{port}: timed out") from error
        except OSError as error:
            raise Unavailable(detail=f"connect to {host}:{port}: {error}") from error
        self._sock.settimeout(None)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._send_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._pending: Dict[int, Future[proto.Reply]] = {}
        self._next_id = 1
        self._closed: Optional[HadirError] = None
        self._slots: Optional[threading.BoundedSemaphore] = None
        self._max_frame = 0
        self._reader = threading.Thread(
            target=self._read_loop, name=f"hadir-reader-{host}:{port}", daemon=True
        )
        self._reader.start()
        self._last_event_seq = 0
        try:
            self.hello: proto.HelloReply = self.call(
                proto.envelope_pb2.METHOD_SESSION_HELLO,
                proto.HelloRequest(
                    device_token=device_token, device_time_ms=int(time.time() * 1000), client_name=client_name
                ),
                proto.HelloReply,
                timeout,
            )
        except BaseException:
            self.close()
            raise
        self._last_event_seq = self.hello.last_event_seq
        if self.hello.max_calls_in_flight > 0:
            self._slots = threading.BoundedSemaphore(self.hello.max_calls_in_flight)
        self._max_frame = self.hello.max_frame_bytes

    # -- life cycle ---------------------------------------------------------------------

    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the socket; calls still in flight fail with UNAVAILABLE."""
        self._fail_all(Unavailable(detail="connection closed by the client"))
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    @property
    def closed(self) -> bool:
        return self._closed is not None

    # -- calls --------------------------------------------------------------------------

    def call_async(self, method: int, request: Message) -> "Future[proto.Reply]":
        """Sends one call; the future resolves to its raw Reply. Prefer `call`."""
        future: Future[proto.Reply] = Future()
        body = request.SerializeToString()
        with self._state_lock:
            if self._closed is not None:
                raise self._closed
            call_id = self._next_id
            while call_id in self._pending or call_id == 0:
                call_id = (call_id + 1) & 0xFFFFFFFF
            self._next_id = (call_id + 1) & 0xFFFFFFFF
            self._pending[call_id] = future
        future.call_id = call_id  # type: ignore[attr-defined]
        # Any method number, known to this version or not.
        call = proto.Call(id=call_id, method=method, body=body)  # type: ignore[arg-type]
        payload = call.SerializeToString()
        # The server closes a connection that sends a frame over its limit, failing every
        # call in flight with it: refuse such a request here, for itself alone.
        if self._max_frame and len(payload) > self._max_frame:
            self._forget(call_id)
            raise ResourceExhausted(
                detail=f"request: a {len(payload)}-byte call, over the server's "
                f"{self._max_frame}-byte frame limit; not sent"
            )
        data = frame(payload)
        try:
            with self._send_lock:
                self._sock.sendall(data)
        except OSError as error:
            self._forget(call_id)
            failure = Unavailable(detail=f"send: {error}")
            self._fail_all(failure)
            raise failure from error
        return future

    def call(
        self, method: int, request: Message, response_type: Type[M], timeout: Optional[float] = None
    ) -> M:
        """Calls `method` (a number of the Method enum) and waits for the reply.

        Returns the parsed `response_type` on OK; raises the HadirError subclass of the
        status otherwise, `DeadlineExceeded` when no reply came within `timeout` seconds
        (default: the connection's), `Unavailable` when the connection broke."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        slots = self._slots
        if slots is not None and not slots.acquire(timeout=max(0.0, limit)):
            raise DeadlineExceeded(detail=f"method {method}: no call slot free within {limit:g} s")
        release_now = True
        try:
            future = self.call_async(method, request)
            try:
                reply = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                # The server still counts the call until it answers: keep its slot taken
                # until the late reply (or the connection's end) resolves the future.
                if slots is not None:
                    release_now = False
                    future.add_done_callback(lambda _: slots.release())
                raise DeadlineExceeded(detail=f"method {method}: no reply within {limit:g} s") from None
        finally:
            if slots is not None and release_now:
                slots.release()
        if reply.status != 0:
            raise HadirError.from_status(reply.status, reply.detail)
        response = response_type()
        try:
            response.ParseFromString(reply.body)
        except DecodeError as error:
            raise HadirError(
                13, f"reply to method {method} is not a {response_type.DESCRIPTOR.full_name}"
            ) from error
        return response

    # -- internals ----------------------------------------------------------------------

    def _forget(self, call_id: int) -> None:
        with self._state_lock:
            self._pending.pop(call_id, None)

    def _fail_all(self, error: HadirError) -> None:
        with self._state_lock:
            if self._closed is None:
                self._closed = error
            pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(error)

    def _read_loop(self) -> None:
        reader = FrameReader(self._sock)
        reason = "connection closed by the server"
        try:
            while True:
                payload = reader.read()
                if payload is None:
                    break
                reply = proto.Reply()
                reply.ParseFromString(payload)
                with self._state_lock:
                    future = self._pending.pop(reply.id, None)
                if future is not None and not future.done():
                    future.set_result(reply)
                # A reply nobody waits for (its call timed out) is dropped.
        except (OSError, ConnectionError, DecodeError) as error:
            reason = f"connection lost: {error}"
        self._fail_all(Unavailable(detail=reason))

    # -- event numbers ------------------------------------------------------------------

    def next_event_seq(self) -> int:
        """A new event number for this device: one past the last the server stored
        (HelloReply.last_event_seq) or handed out here. A retry must reuse its number."""
        with self._state_lock:
            self._last_event_seq += 1
            return self._last_event_seq

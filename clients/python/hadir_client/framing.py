"""Frames: a base-128 varint length (1 to 5 bytes), then that many payload bytes."""

from __future__ import annotations

import socket

MAX_LENGTH_BYTES = 5


def encode_varint(value: int) -> bytes:
    if value < 0:
        raise ValueError("varint must not be negative")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def frame(payload: bytes) -> bytes:
    """`payload` with its length prefix, ready for the socket."""
    return encode_varint(len(payload)) + payload


class FrameReader:
    """Reads whole frames from a blocking socket."""

    def __init__(self, sock: socket.socket, max_frame_bytes: int = 16 * 1024 * 1024) -> None:
        self._sock = sock
        self._buffer = bytearray()
        self.max_frame_bytes = max_frame_bytes

    def _fill(self) -> bool:
        chunk = self._sock.recv(65536)
        if not chunk:
            return False
        self._buffer += chunk
        return True

    def read(self) -> bytes | None:
        """The next payload, or None when the peer closed the connection cleanly between frames."""
        while True:
            length, used = 0, 0
            for index in range(min(len(self._buffer), MAX_LENGTH_BYTES)):
                byte = self._buffer[index]
                length |= (byte & 0x7F) << (7 * index)
                if not byte & 0x80:
                    used = index + 1
                    break
            else:
                if len(self._buffer) >= MAX_LENGTH_BYTES:
                    raise ConnectionError("frame length prefix longer than 5 bytes")
                if not self._fill():
                    if self._buffer:
                        raise ConnectionError("connection closed inside a frame length")
                    return None
                continue
            if length > self.max_frame_bytes:
                raise ConnectionError(f"frame of {length} bytes exceeds the limit of {self.max_frame_bytes}")
            while len(self._buffer) < used + length:
                if not self._fill():
                    raise ConnectionError("connection closed inside a frame")
            payload = bytes(self._buffer[used : used + length])
            del self._buffer[: used + length]
            return payload

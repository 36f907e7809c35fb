"""`make dev`'s realtime channel: ``/api/v1/ws/deployments`` as a WebSocket (RFC 6455) on the dev
server's own socket, fed by the local bus's deployment-events topic (:mod:`klepaas_shared.realtime`).

Only what the console uses: text frames, ping/pong and close; client frames are masked, ours are not.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import queue
import select
import socket
import struct
import threading
from typing import Any

from klepaas_shared.realtime import Hub, hello, reply_to

PATH = "/api/v1/ws/deployments"
_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_FRAME = 64 * 1024  # the console sends small JSON messages; anything bigger closes the connection
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA
# Each connection holds one of the dev server's request threads: a few, so HTTP keeps its share.
MAX_CONNECTIONS = 8
_slots = threading.BoundedSemaphore(MAX_CONNECTIONS)


def is_upgrade(environ: dict[str, Any]) -> bool:
    return environ.get("PATH_INFO") == PATH and environ.get("HTTP_UPGRADE", "").lower() == "websocket"


def _frame(opcode: int, payload: bytes) -> bytes:
    head = bytes([0x80 | opcode])
    size = len(payload)
    if size < 126:
        return head + bytes([size]) + payload
    if size < 1 << 16:
        return head + bytes([126]) + struct.pack("!H", size) + payload
    return head + bytes([127]) + struct.pack("!Q", size) + payload


def _exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(sock: socket.socket) -> tuple[int, bytes]:
    first, second = _exactly(sock, 2)
    size = second & 0x7F
    if size == 126:
        size = struct.unpack("!H", _exactly(sock, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", _exactly(sock, 8))[0]
    if size > MAX_FRAME or not second & 0x80:  # too big, or unmasked: not a browser
        raise ConnectionError("refused frame")
    mask = _exactly(sock, 4)
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(_exactly(sock, size)))
    return first & 0x0F, payload


def serve(environ: dict[str, Any], hub: Hub) -> bool:
    """Take the connection over: handshake, then relay the hub's messages until the client leaves.
    False (nothing done) when every slot is taken: the caller answers 503 and the console retries."""
    if not _slots.acquire(blocking=False):
        return False
    try:
        _serve(environ, hub)
    finally:
        _slots.release()
    return True


def _serve(environ: dict[str, Any], hub: Hub) -> None:
    sock: socket.socket = environ["werkzeug.socket"]
    key = environ.get("HTTP_SEC_WEBSOCKET_KEY", "").encode()
    accept = base64.b64encode(hashlib.sha1(key + _GUID).digest()).decode()  # noqa: S324 - RFC 6455's choice
    sock.sendall(
        (
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
        ).encode()
    )
    inbox = hub.join()
    sock.settimeout(10.0)  # a frame, once begun, arrives whole soon
    try:
        _send(sock, hello())
        while True:
            _flush(sock, inbox)
            if not select.select([sock], [], [], 0.25)[0]:
                continue
            opcode, payload = _read_frame(sock)
            if opcode == CLOSE:
                sock.sendall(_frame(CLOSE, payload[:2]))
                return
            if opcode == PING:
                sock.sendall(_frame(PONG, payload))
            elif opcode == TEXT and (answer := reply_to(payload.decode(errors="replace"))) is not None:
                _send(sock, answer)
    except (ConnectionError, OSError):
        return
    finally:
        hub.leave(inbox)
        with contextlib.suppress(OSError):  # ours now: werkzeug, answering after us, finds it closed
            sock.shutdown(socket.SHUT_RDWR)


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    import json

    sock.sendall(_frame(TEXT, json.dumps(message).encode()))


def _flush(sock: socket.socket, inbox: queue.Queue[str]) -> None:
    while True:
        try:
            text = inbox.get_nowait()
        except queue.Empty:
            return
        sock.sendall(_frame(TEXT, text.encode()))

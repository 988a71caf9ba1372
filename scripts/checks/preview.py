"""`quarto preview` as an open page meets it: the preview says `reload` on the page's WebSocket once a render it
made, post-render steps included, is done. make bench times an edit with it, and the site tests wait on it for an
edit to be served."""

import base64
import os
import socket
import struct
from time import monotonic, perf_counter


def free_port():
    """A port no server on this machine listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PreviewClient:
    """What an open page keeps of `quarto preview`: its WebSocket, on which the preview says `reload` once a render
    is done, then closes it (Quarto's src/core/http-devserver.ts; the page's side is
    src/webui/quarto-preview/src/server/connection.ts). RFC 6455 over a plain socket: frames from the server come
    unmasked, a client's go masked."""

    def __init__(self, port, path):
        self.socket = socket.create_connection(("localhost", port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\n"
                            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                            .encode())
        self.received = b""
        while b"\r\n\r\n" not in self.received:
            chunk = self.socket.recv(4096)
            if not chunk:
                raise ConnectionError("quarto preview closed the connection instead of opening a WebSocket")
            self.received += chunk
        head, self.received = self.received.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(f"quarto preview refused a WebSocket: {head[:200]!r}")

    def read(self, size, deadline):
        while len(self.received) < size:
            self.socket.settimeout(max(deadline - monotonic(), 0.01))
            chunk = self.socket.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.received += chunk
        data, self.received = self.received[:size], self.received[size:]
        return data

    def message(self, deadline):
        """The next text message, or None once the preview closes the socket; socket.timeout past deadline."""
        message = b""
        while True:
            try:
                first, second = self.read(2, deadline)
                size = second & 0x7F
                if size >= 126:
                    size = struct.unpack(">H" if size == 126 else ">Q", self.read(2 if size == 126 else 8, deadline))[0]
                payload = self.read(size, deadline)
            except ConnectionError:
                return None
            opcode = first & 0x0F
            if opcode == 8:
                return None
            if opcode == 9:  # A ping: answer it, or the server drops a page idle through a long render.
                mask = os.urandom(4)
                self.socket.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask
                                    + bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload)))
            elif opcode in (0, 1):
                message += payload
                if first & 0x80:
                    return message.decode("utf-8", errors="replace")

    def close(self):
        self.socket.close()


def served_after(write, port, page_path, served, within, process, log):
    """Seconds from write() to served() holding, checked as a browser showing the page at page_path would reload it:
    each time the preview says `reload`. Raises RuntimeError, with the preview's log, when it fails to render or
    nothing is served within `within` seconds."""
    # A page's socket path, as connection.ts makes it: the page's own, with a slash.
    path = f"{page_path}/"
    client = PreviewClient(port, path)
    start = perf_counter()
    write()
    deadline = monotonic() + within
    try:
        while True:
            try:
                message = client.message(deadline)
            except socket.timeout:
                raise RuntimeError(f"quarto preview served nothing new within {within} s:\n{tail(log)}") from None
            if message == "render:stop:false" or (message is None and process.poll() is not None):
                raise RuntimeError(f"quarto preview failed to render:\n{tail(log)}")
            if message is not None and message.startswith("reload") and served():
                return perf_counter() - start
            if message is None or message.startswith("reload"):
                # The preview closes each page's socket as it says `reload`; the reloaded page opens another.
                client.close()
                client = PreviewClient(port, path)
    finally:
        client.close()


def tail(log):
    return log.read_text(encoding="utf-8", errors="replace")[-4000:]

"""The delaying proxy used to measure the app over a slow network."""

from __future__ import annotations

import socket
import socketserver
import threading
import time

import pytest

from tests.perf.latency_proxy import Delay, ProxyThread


class EchoServer(socketserver.ThreadingTCPServer):
    # A handler still reading when the test ends must not hold the test at close.
    daemon_threads = True
    block_on_close = False


class Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        while data := self.request.recv(65536):
            self.request.sendall(data)


def round_trip(port: int, payload: bytes) -> tuple[float, bytes]:
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"x")
        s.recv(1)  # connected through
        began = time.perf_counter()
        s.sendall(payload)
        got = b""
        while len(got) < len(payload):
            got += s.recv(65536)
        return time.perf_counter() - began, got


def test_each_direction_is_delayed_and_nothing_is_lost():
    server = EchoServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        with ProxyThread("127.0.0.1", port, Delay(0.015, 0.005)) as proxy:
            slow, _ = round_trip(proxy.port, b"ping")
            payload = bytes(range(256)) * 4000  # 1 MB arrives whole and in order
            _, echoed = round_trip(proxy.port, payload)
        # At least the delay of both directions; no upper limit on a busy machine.
        assert slow >= 0.020
        assert echoed == payload
    finally:
        server.shutdown()
        server.server_close()


def test_a_cut_closes_open_connections_and_refuses_new_ones_until_restored():
    server = EchoServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with ProxyThread("127.0.0.1", server.server_address[1], Delay(0, 0)) as proxy:
            with socket.create_connection(("127.0.0.1", proxy.port)) as s:
                s.sendall(b"x")
                assert s.recv(1) == b"x"
                proxy.cut()
                s.settimeout(10)
                try:
                    closed = s.recv(1) == b""
                except ConnectionResetError:
                    closed = True
                assert closed
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
            proxy.restore()
            _, echoed = round_trip(proxy.port, b"back")
            assert echoed == b"back"
    finally:
        server.shutdown()
        server.server_close()

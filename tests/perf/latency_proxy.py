"""A TCP proxy that delays every byte by a fixed time in each direction, to measure the
app as if its database server were across a real network (the kernel's netem is not
available everywhere).

    python -m tests.perf.latency_proxy --listen 6543 --to 127.0.0.1:5432 --delay-ms 10

gives a 20 ms round trip to a local PostgreSQL server: point the URL at port 6543 with
`host=127.0.0.1`. The delay models latency, not bandwidth: data is forwarded in order,
each chunk `delay` after it arrived, however much is in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Delay:
    up: float  # client → server, seconds
    down: float  # server → client, seconds


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float):
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def forward() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        with contextlib.suppress(OSError):
            writer.close()

    sender = asyncio.create_task(forward())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic() + delay, data))
            if not data:
                break
    except OSError:
        queue.put_nowait((0.0, b""))
    await sender


async def _serve_client(
    client_r: asyncio.StreamReader,
    client_w: asyncio.StreamWriter,
    host: str,
    port: int,
    delay: Delay,
    open_ends: set[asyncio.StreamWriter] | None = None,
) -> None:
    try:
        if host.startswith("/"):  # a PostgreSQL server's Unix socket folder
            server_r, server_w = await asyncio.open_unix_connection(f"{host}/.s.PGSQL.{port}")
        else:
            server_r, server_w = await asyncio.open_connection(host, port)
    except OSError:
        client_w.close()
        return
    ends = open_ends if open_ends is not None else set()
    ends.update((client_w, server_w))
    try:
        with contextlib.suppress(OSError, ConnectionError):
            await asyncio.gather(
                _pipe(client_r, server_w, delay.up), _pipe(server_r, client_w, delay.down)
            )
    finally:  # also when the proxy stops: both ends see the connection close
        ends.difference_update((client_w, server_w))
        client_w.close()
        server_w.close()


async def serve(
    listen_port: int,
    host: str,
    port: int,
    delay: Delay,
    open_ends: set[asyncio.StreamWriter] | None = None,
) -> asyncio.Server:
    """Listen on 127.0.0.1:`listen_port` and forward to `host`:`port` (a TCP address, or
    a folder holding a PostgreSQL server's Unix socket). `open_ends` collects the open
    connections, so that they can be cut."""
    return await asyncio.start_server(
        lambda r, w: _serve_client(r, w, host, port, delay, open_ends), "127.0.0.1", listen_port
    )


class ProxyThread:
    """The proxy on a thread of its own (for tests and the benchmark):

    with ProxyThread("127.0.0.1", 5432, Delay(0.01, 0.01)) as proxy: ... proxy.port

    `cut()` is the network going away: every open connection is closed at once and new
    ones are refused, until `restore()`.
    """

    def __init__(self, host: str, port: int, delay: Delay, listen_port: int = 0) -> None:
        self.host, self.target_port, self.delay = host, port, delay
        self.listen_port = listen_port
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: asyncio.Server | None = None
        self._open_ends: set[asyncio.StreamWriter] = set()

    async def _listen(self, port: int) -> None:
        self._server = await serve(port, self.host, self.target_port, self.delay, self._open_ends)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for end in list(self._open_ends):
            end.transport.abort()

    def _call(self, coro) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    def cut(self) -> None:
        self._call(self._cut())

    def restore(self) -> None:
        self._call(self._listen(self.port))

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._listen(self.listen_port))
        self._ready.set()
        self._loop.run_forever()
        if self._server is not None:
            self._server.close()
        tasks = asyncio.all_tasks(self._loop)
        for task in tasks:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        self._loop.close()

    def __enter__(self) -> ProxyThread:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--listen", type=int, required=True, help="port to listen on (127.0.0.1)")
    p.add_argument("--to", required=True, help="HOST:PORT of the server")
    p.add_argument("--delay-ms", type=float, default=10.0, help="delay each way (ms)")
    p.add_argument("--up-ms", type=float, help="delay client → server (default --delay-ms)")
    p.add_argument("--down-ms", type=float, help="delay server → client (default --delay-ms)")
    args = p.parse_args(argv)
    host, _, port = args.to.rpartition(":")
    up = args.delay_ms if args.up_ms is None else args.up_ms
    down = args.delay_ms if args.down_ms is None else args.down_ms
    delay = Delay(up / 1000, down / 1000)

    async def run() -> None:
        server = await serve(args.listen, host, int(port), delay)
        async with server:
            await server.serve_forever()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

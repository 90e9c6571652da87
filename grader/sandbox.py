"""The sandbox stage: a worker process per submission, spoken to over pipes.

The grading process never imports a student's module. It starts
``worker/worker_main.py`` in a fresh process with resource limits, an
allow-listed environment and the student's workspace as its working folder,
sends calls as data and reads answers as data. Time limits are enforced from
here: a call that does not answer in time gets its whole process group killed.
"""

from __future__ import annotations

import logging
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import (
    CallTimeout,
    ImportFailed,
    MissingFunction,
    NotHandedIn,
    NotPlainData,
    StudentException,
    WorkerCrashed,
)
from grader.worker import wire

log = logging.getLogger("grader")

WORKER_SCRIPT = Path(__file__).parent / "worker" / "worker_main.py"
ENV_PASSED = (
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
)
OUTPUT_KEPT = 16 * 1024


@dataclass(frozen=True)
class Limits:
    """What one worker may use; times in seconds, sizes in bytes."""

    call_seconds: float = 5.0
    import_seconds: float = 10.0
    start_seconds: float = 30.0
    cpu_seconds: int = 300
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 64 * 1024**2
    open_files: int = 256
    processes: int = 64
    result_bytes: int = 64 * 1024**2


class OutputTap:
    """Drains one pipe in a thread, keeping its first and last parts."""

    def __init__(self, fd: int, keep: int = OUTPUT_KEPT) -> None:
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.keep = keep
        self._thread = threading.Thread(target=self._drain, args=(fd,), daemon=True)
        self._thread.start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                self.total += len(chunk)
                room = self.keep - len(self.head)
                self.head += chunk[:room]
                self.tail = (
                    (self.tail + chunk[room:])[-self.keep :]
                    if room < len(chunk)
                    else self.tail
                )

    def text(self) -> str:
        self._thread.join(timeout=1.0)
        if self.total <= len(self.head) + len(self.tail):
            return (bytes(self.head) + bytes(self.tail)).decode("utf-8", "replace")
        skipped = self.total - len(self.head) - len(self.tail)
        return (
            bytes(self.head).decode("utf-8", "replace")
            + f"\n[... {skipped} bytes not kept ...]\n"
            + bytes(self.tail).decode("utf-8", "replace")
        )


class Worker:
    """One worker process and its channel; killed as a whole process group."""

    def __init__(self, workspace: Path, limits: Limits) -> None:
        self.workspace = workspace
        self.limits = limits
        self._next_id = 0
        to_child, self._to_child = os.pipe()
        self._from_child, from_child = os.pipe()
        out_read, out_write = os.pipe()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-X",
                "utf8",
                str(WORKER_SCRIPT),
                str(to_child),
                str(from_child),
            ],
            cwd=workspace,
            env=worker_environment(workspace),
            stdin=subprocess.DEVNULL,
            stdout=out_write,
            stderr=out_write,
            pass_fds=(to_child, from_child),
            start_new_session=True,
            preexec_fn=lambda: apply_limits(limits),
        )
        for fd in (to_child, from_child, out_write):
            os.close(fd)
        self.output = OutputTap(out_read)

    def request(
        self, header: dict[str, Any], blobs: list[bytes], seconds: float
    ) -> tuple[dict[str, Any], list[bytes]]:
        """Send one request and wait at most ``seconds`` for its answer."""
        self._next_id += 1
        header = dict(header, id=self._next_id)
        deadline = time.monotonic() + seconds
        try:
            wire.write_message(self._to_child, header, blobs)
            reply, reply_blobs = self._read(deadline)
        except (BrokenPipeError, EOFError):
            raise self._crashed() from None
        if reply.get("id") != self._next_id:
            self.kill()
            raise NotPlainData("the worker answered out of turn")
        return reply, reply_blobs

    def _read(self, deadline: float) -> tuple[dict[str, Any], list[bytes]]:
        def reader(fd: int, size: int) -> bytes:
            chunks = bytearray()
            while len(chunks) < size:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                    self.kill()
                    raise CallTimeout()
                chunk = os.read(fd, min(size - len(chunks), 1 << 20))
                if not chunk:
                    raise EOFError
                chunks += chunk
            return bytes(chunks)

        try:
            header = wire.parse_header(wire.read_frame(self._from_child, reader))
            blobs = [
                wire.read_frame(self._from_child, reader)
                for _ in range(header["blobs"])
            ]
        except wire.NotData as exc:
            self.kill()
            raise NotPlainData(str(exc)) from None
        except (UnicodeDecodeError, ValueError):
            self.kill()
            raise NotPlainData(
                "the worker sent something that is not a message"
            ) from None
        return header, blobs

    def _crashed(self) -> WorkerCrashed:
        try:
            code = self.process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.process.wait()
        self.kill()
        return WorkerCrashed(code)

    def kill(self) -> None:
        """Kill the worker's whole process group and close the channel."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self._to_child = self._from_child = -1

    @property
    def alive(self) -> bool:
        return self._to_child >= 0 and self.process.poll() is None


def worker_environment(workspace: Path) -> dict[str, str]:
    env = {name: os.environ[name] for name in ENV_PASSED if name in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    tmp = workspace / ".tmp"
    tmp.mkdir(exist_ok=True)
    env.update(
        HOME=str(workspace),
        TMPDIR=str(tmp),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        MPLBACKEND="Agg",
    )
    return env


def apply_limits(limits: Limits) -> None:
    """Runs in the child between fork and exec: limits the kernel enforces."""
    pairs = (
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
    )
    for kind, value in pairs:
        resource.setrlimit(kind, (value, value))
    if os.getuid() != 0:  # root ignores RLIMIT_NPROC; the stronger layer covers it
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))


@dataclass
class Session:
    """A student's submission as the checks see it: modules, calls, restarts.

    The worker is started lazily and restarted after it dies. A module whose
    import failed, and a function that has timed out, are remembered, so a
    broken import or an endless loop costs one time limit, not one per check.
    """

    workspace: Path
    limits: Limits = field(default_factory=Limits)
    forbidden: dict[str, frozenset[str]] = field(default_factory=dict)
    _worker: Worker | None = None
    _loaded: set[str] = field(default_factory=set)
    _broken_modules: dict[str, Exception] = field(default_factory=dict)
    _functions: dict[str, list[str]] = field(default_factory=dict)
    _hung: dict[tuple[str, str], CallTimeout] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    forbidden_used: dict[str, list[str]] = field(default_factory=dict)

    def worker(self) -> Worker:
        if self._worker is None or not self._worker.alive:
            self._retire()
            self._worker = Worker(self.workspace, self.limits)
            self._loaded = set()
            self._worker.request({"op": "ping"}, [], self.limits.start_seconds)
        return self._worker

    def load(self, module: str) -> list[str]:
        """Import ``module`` in the worker (once per worker); its function names."""
        if module in self._broken_modules:
            raise self._broken_modules[module]
        if not (self.workspace / f"{module}.py").is_file():
            raise NotHandedIn(module)
        worker = self.worker()
        if module in self._loaded:
            return self._functions[module]
        if module in self.forbidden:
            worker.request(
                {
                    "op": "forbid",
                    "module": module,
                    "names": sorted(self.forbidden[module]),
                },
                [],
                self.limits.call_seconds,
            )
        try:
            reply, _ = worker.request(
                {"op": "import", "module": module}, [], self.limits.import_seconds
            )
        except (CallTimeout, WorkerCrashed, NotPlainData) as exc:
            failure = ImportFailed.from_worker(module, exc)
            self._broken_modules[module] = failure
            raise failure from None
        if not reply.get("ok"):
            failure = ImportFailed.from_reply(module, reply.get("error") or {})
            self._broken_modules[module] = failure
            raise failure
        self._loaded.add(module)
        self._functions[module] = [
            name for name in reply.get("functions", []) if isinstance(name, str)
        ]
        used = [
            name for name in reply.get("forbidden_used", []) if isinstance(name, str)
        ]
        if used:
            self.forbidden_used[module] = used
        return self._functions[module]

    def call(
        self, module: str, function: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, list[int]]:
        """Call ``module.function`` in the worker; the value and mutated argument positions."""
        if (module, function) in self._hung:
            raise CallTimeout(self.limits.call_seconds, repeated=True)
        if function not in self.load(module):
            raise MissingFunction(module, function)
        blobs: list[bytes] = []
        header = {
            "op": "call",
            "module": module,
            "function": function,
            "args": wire.encode(list(args), blobs),
            "kwargs": wire.encode(kwargs, blobs),
        }
        try:
            reply, reply_blobs = self.worker().request(
                header, blobs, self.limits.call_seconds
            )
        except CallTimeout:
            timeout = CallTimeout(self.limits.call_seconds)
            self._hung[(module, function)] = timeout
            raise timeout from None
        if not reply.get("ok"):
            error = reply.get("error") or {}
            if reply.get("not_data"):
                raise NotPlainData(str(error.get("message", "")))
            raise StudentException.from_reply(error, function)
        try:
            value = wire.decode(reply.get("value"), reply_blobs)
        except wire.NotData as exc:
            raise NotPlainData(str(exc)) from None
        mutated = [index for index in reply.get("mutated", []) if type(index) is int]
        return value, mutated

    def _retire(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self.outputs.append(self._worker.output.text())
            self._worker = None

    def close(self) -> str:
        """Stop the worker; everything it printed (first and last parts)."""
        self._retire()
        return "".join(self.outputs)

"""The sandbox stage: a worker process per submission, spoken to over pipes.

The grading process never imports a student's module. It starts
``worker/worker_main.py`` in a fresh process with resource limits, an
allow-listed environment and the student's workspace as its working folder,
inside the strongest isolation layer that works here (``grader.isolation``),
sends calls as data and reads answers as data. Limits are enforced from here:
a call that does not answer in time, or a worker that prints too much, gets
its whole process tree killed.

Exercises with ``forbidden`` modules get a worker of their own that never
loads those modules and refuses to import them (hidden from its filesystem
view under bwrap), so a forbidden module cannot be reached at call time either.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import (
    CallTimeout,
    ForbiddenModule,
    ImportFailed,
    MissingFunction,
    NotHandedIn,
    NotPlainData,
    StudentCodeError,
    StudentException,
    TooMuchOutput,
    WorkerCrashed,
)
from grader.i18n import _
from grader.isolation import Enclosure, Isolation, current, fresh_tmp
from grader.worker import wire

log = logging.getLogger("grader")

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
    output_bytes: int = 32 * 1024**2
    submission_seconds: float = 600.0  # all calls of one submission together
    per_function: dict[str, float] = field(
        default_factory=dict
    )  # "module.function" -> seconds

    def seconds_for(self, module: str, function: str) -> float:
        """The time limit of one call: the function's own, else the default."""
        return self.per_function.get(f"{module}.{function}", self.call_seconds)


class OutputTap:
    """Drains one pipe in a thread, keeping its first and last parts.

    Past ``limit`` bytes it calls ``on_flood`` once (the worker kills its
    process tree) and goes on draining, so a writer never blocks on us.
    """

    def __init__(
        self,
        fd: int,
        keep: int = OUTPUT_KEPT,
        limit: int | None = None,
        on_flood: Callable[[], None] | None = None,
    ) -> None:
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.keep = keep
        self.limit = limit
        self.flooded = False
        self._on_flood = on_flood
        self._thread = threading.Thread(target=self._drain, args=(fd,), daemon=True)
        self._thread.start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                self.total += len(chunk)
                if self.limit is not None and self.total > self.limit:
                    self._flood()
                room = self.keep - len(self.head)
                self.head += chunk[:room]
                self.tail = (
                    (self.tail + chunk[room:])[-self.keep :]
                    if room < len(chunk)
                    else self.tail
                )

    def _flood(self) -> None:
        if not self.flooded:
            self.flooded = True
            if self._on_flood is not None:
                self._on_flood()

    def text(self) -> str:
        self._thread.join(timeout=1.0)
        return kept(bytes(self.head), bytes(self.tail), self.total)


def kept(head: bytes, tail: bytes, total: int) -> str:
    """The first and last parts of an output of ``total`` bytes, the gap marked."""
    if total <= len(head) + len(tail):
        return (head + tail).decode("utf-8", "replace")
    skipped = total - len(head) - len(tail)
    return (
        head.decode("utf-8", "replace")
        + f"\n[... {skipped} bytes not kept ...]\n"
        + tail.decode("utf-8", "replace")
    )


class Worker:
    """One worker process and its channel; killed as a whole process tree."""

    def __init__(
        self,
        limits: Limits,
        isolation: Isolation,
        enclosure: Enclosure,
        forbidden: frozenset[str] = frozenset(),
    ) -> None:
        self.limits = limits
        self.isolation = isolation
        self.loaded: set[str] = set()
        self._next_id = 0
        to_child, self._to_child = os.pipe()
        self._from_child, from_child = os.pipe()
        out_read, out_write = os.pipe()
        python = [
            sys.executable,
            "-I",
            "-X",
            "utf8",
            f"{enclosure.scripts}/worker_main.py",
            str(to_child),
            str(from_child),
            ",".join(sorted(forbidden)),
        ]
        command = isolation.command(enclosure, python, hide=sorted(forbidden))
        try:
            self.process = subprocess.Popen(
                command.argv,
                cwd=enclosure.workspace,
                env=worker_environment(enclosure),
                stdin=subprocess.DEVNULL,
                stdout=out_write,
                stderr=out_write,
                close_fds=True,
                pass_fds=(to_child, from_child, *command.pass_fds),
                start_new_session=True,
                preexec_fn=functools.partial(apply_limits, limits),
            )
        except BaseException:
            for fd in (self._to_child, self._from_child, out_read):
                os.close(fd)
            raise
        finally:
            for fd in (to_child, from_child, out_write, *command.close_after_start):
                os.close(fd)
        self.output = OutputTap(
            out_read, limit=limits.output_bytes, on_flood=self._stop
        )

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
        except CallTimeout:
            raise CallTimeout(seconds) from None
        except (EOFError, OSError):
            raise self._crashed() from None
        if reply.get("id") != self._next_id:
            self.kill()
            raise NotPlainData("the worker answered out of turn")
        return reply, reply_blobs

    def _read(self, deadline: float) -> tuple[dict[str, Any], list[bytes]]:
        budget = [self.limits.result_bytes]

        def reader(fd: int, size: int) -> bytes:
            budget[0] -= size
            if budget[0] < 0:
                raise wire.NotData(
                    f"the result is larger than {self.limits.result_bytes // 2**20} MiB"
                )
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

    def _crashed(self) -> StudentCodeError:
        """Why the worker went away, as the status the student can act on."""
        exited(self.process, 2.0)
        self.kill()
        status = self.isolation.exit_status(self.process.returncode)
        if self.output.flooded:
            return TooMuchOutput(self.limits.output_bytes)
        if status == -signal.SIGXCPU:
            return CallTimeout(
                self.limits.cpu_seconds,
                message=_(
                    "Your code used more than {seconds} s of CPU time in total."
                ).format(seconds=self.limits.cpu_seconds),
            )
        return WorkerCrashed(status)

    def _stop(self) -> None:
        """Kill the process tree; safe from the output thread (no waiting)."""
        kill_tree(self.process.pid)

    def kill(self) -> None:
        """Kill the worker's whole process tree and close the channel."""
        if self.process.returncode is None:  # not reaped: its pid is still ours
            kill_tree(self.process.pid)
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_child = self._from_child = -1

    @property
    def alive(self) -> bool:
        return self._to_child >= 0 and not exited(self.process, 0.0)


def exited(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Wait up to ``seconds`` for ``process`` to end, leaving it unreaped.

    Unreaped, its pid (and process group) cannot be handed to another process
    before ``kill_tree`` has killed whatever the worker left behind.
    """
    if not hasattr(os, "waitid"):  # pragma: no cover - not Linux
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=seconds)
        return process.returncode is not None
    deadline = time.monotonic() + seconds
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    while process.returncode is None:
        if os.waitid(os.P_PID, process.pid, flags) is not None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
    return True


def kill_tree(pid: int) -> None:
    """SIGKILL the process group of ``pid`` and its descendants that left the group.

    Descendants are pinned (pidfds) before anything is killed, since an orphan
    loses its parent link. Under the bwrap layer the PID namespace makes this
    complete; in a plain process a daemon that double-forked away before the
    kill is not found (see README, Security model).
    """
    handles = pinned_descendants(pid)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    for handle in handles:
        with contextlib.suppress(OSError):
            signal.pidfd_send_signal(handle, signal.SIGKILL)
        os.close(handle)


def pinned_descendants(root: int) -> list[int]:
    """pidfds of the processes below ``root``, each checked to still be in the tree."""
    if not hasattr(os, "pidfd_open"):
        return []
    tree = descendants(root) | {root}
    handles = []
    for pid in tree - {root}:
        try:
            handle = os.pidfd_open(pid)
        except OSError:
            continue
        if parent_of(pid) in tree:  # not a new process that took a freed pid
            handles.append(handle)
        else:
            os.close(handle)
    return handles


def descendants(root: int) -> set[int]:
    """The processes below ``root``, by the parent links in /proc."""
    links = parents()
    return {pid for pid in links if reaches(pid, root, links)}


def reaches(pid: int, root: int, links: dict[int, int]) -> bool:
    seen = set()
    while pid in links and pid not in seen:
        seen.add(pid)
        pid = links[pid]
        if pid == root:
            return True
    return False


def parents() -> dict[int, int]:
    """Each process's parent, from /proc (empty where there is no /proc)."""
    table = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                parent = parent_of(int(entry.name))
                if parent is not None:
                    table[int(entry.name)] = parent
    return table


def parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]) if len(fields) > 1 else None


def worker_environment(enclosure: Enclosure) -> dict[str, str]:
    """Only what Python needs: no secret the grading process holds gets through."""
    env = {name: os.environ[name] for name in ENV_PASSED if name in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.update(
        HOME=enclosure.inside,
        TMPDIR=enclosure.tmp,
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        MPLBACKEND="Agg",
    )
    return env


def apply_limits(limits: Limits) -> None:
    """Runs in the child between fork and exec: limits the kernel enforces.

    Root ignores RLIMIT_NPROC, so it binds only a worker that runs as another
    user: the bwrap layer's own user id, or a grader not run as root.
    """
    # CPU: SIGXCPU at the limit (a timeout for the student), SIGKILL a second later
    resource.setrlimit(
        resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1)
    )
    pairs = (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_CORE, 0),
    )
    for kind, value in pairs:
        resource.setrlimit(kind, (value, value))


@dataclass
class Session:
    """A student's submission as the checks see it: modules, calls, restarts.

    Workers are started lazily and restarted after they die: one for the
    exercises that may use every module, and one per set of ``forbidden``
    modules. A module whose import failed, and a function that has timed out,
    are remembered, so a broken import or an endless loop costs one time
    limit, not one per check. ``conceal`` are folders the worker must not see
    (the course's solutions) even where they lie inside a folder it needs.
    """

    workspace: Path
    limits: Limits = field(default_factory=Limits)
    forbidden: dict[str, frozenset[str]] = field(default_factory=dict)
    conceal: tuple[Path, ...] = ()
    isolation: Isolation = field(default_factory=current)
    _enclosures: dict[frozenset[str], Enclosure] = field(default_factory=dict)
    _copies: dict[frozenset[str], Path] = field(default_factory=dict)
    _workers: dict[frozenset[str], Worker] = field(default_factory=dict)
    _broken_modules: dict[str, StudentCodeError] = field(default_factory=dict)
    _functions: dict[str, list[str]] = field(default_factory=dict)
    _hung: dict[tuple[str, str], CallTimeout] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    durations: dict[str, float] = field(
        default_factory=dict
    )  # slowest call per "module.function"
    forbidden_used: dict[str, list[str]] = field(default_factory=dict)
    spent: float = 0.0  # what all calls took so far, against limits.submission_seconds

    def worker(self, module: str = "") -> Worker:
        """The live worker that runs ``module``, started if needed."""
        banned = self.forbidden.get(module, frozenset())
        worker = self._workers.get(banned)
        if worker is None or not worker.alive:
            self._retire(banned)
            worker = Worker(self.limits, self.isolation, self.enclosure(banned), banned)
            self._workers[banned] = worker
            worker.request({"op": "ping"}, [], self.limits.start_seconds)
        return worker

    def __post_init__(self) -> None:
        # Every kind of worker gets its own copy of the workspace now, before
        # any student code has run: copying a tree a worker can write to, as
        # root, could be steered by links the student planted.
        for banned in sorted(set(self.forbidden.values()), key=sorted):
            if banned:
                copy = (
                    self.workspace.parent
                    / f"{self.workspace.name}-restricted-{len(self._copies)}"
                )
                shutil.copytree(self.workspace, copy, symlinks=True)
                self._copies[banned] = copy

    def enclosure(self, banned: frozenset[str]) -> Enclosure:
        """The walls of one kind of worker: its own workspace, and a fresh /tmp at every start.

        A worker without forbidden modules shares nothing writable with the
        one that has them, so it cannot run cv2 for it through files; a new
        /tmp per start leaves no link a student planted for the next start.
        """
        if banned in self._enclosures:
            self._enclosures[banned] = fresh_tmp(self._enclosures[banned])
        else:
            workspace = self._copies.get(banned, self.workspace)
            self._enclosures[banned] = self.isolation.enclose(workspace, self.conceal)
        return self._enclosures[banned]

    def load(self, module: str) -> list[str]:
        """Import ``module`` in its worker (once per worker); its function names."""
        if module in self._broken_modules:
            raise self._broken_modules[module]
        if not (self.workspace / f"{module}.py").is_file():
            raise NotHandedIn(
                module, notebook=(self.workspace / "_notebook.py").is_file()
            )
        worker = self.worker(module)
        if module in worker.loaded:
            return self._functions[module]
        try:
            reply, _ = worker.request(
                {"op": "import", "module": module}, [], self.limits.import_seconds
            )
        except TooMuchOutput as exc:
            raise self._broken(module, exc) from None
        except (CallTimeout, WorkerCrashed, NotPlainData) as exc:
            raise self._broken(module, ImportFailed.from_worker(module, exc)) from None
        if not reply.get("ok"):
            raise self._broken(module, self._import_error(module, reply))
        worker.loaded.add(module)
        self._functions[module] = strings(reply.get("functions"))
        used = strings(reply.get("forbidden_used"))
        if used:
            self.forbidden_used[module] = used
            raise self._broken(module, ForbiddenModule(module, used))
        return self._functions[module]

    def _broken(self, module: str, failure: StudentCodeError) -> StudentCodeError:
        self._broken_modules[module] = failure
        return failure

    def _import_error(self, module: str, reply: dict[str, Any]) -> StudentCodeError:
        refused = strings(reply.get("forbidden"))
        if refused:
            return ForbiddenModule(module, refused)
        return ImportFailed.from_reply(module, reply.get("error") or {})

    def call(
        self, module: str, function: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, list[int]]:
        """Call ``module.function`` in the worker; the value and mutated argument positions."""
        limit = self.limits.seconds_for(module, function)
        if (module, function) in self._hung:
            raise CallTimeout(limit, repeated=True)
        left = self.limits.submission_seconds - self.spent
        if left <= 0:
            raise CallTimeout(self.limits.submission_seconds, budget=True)
        limit = min(limit, left)
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
        worker = self.worker(module)
        started = time.monotonic()
        try:
            reply, reply_blobs = worker.request(header, blobs, limit)
        except CallTimeout as exc:
            self.spent += time.monotonic() - started
            self._hung[(module, function)] = exc
            raise
        self.spent += time.monotonic() - started
        key = f"{module}.{function}"
        self.durations[key] = max(
            self.durations.get(key, 0.0), time.monotonic() - started
        )
        if not reply.get("ok"):
            raise self._call_error(module, function, reply)
        try:
            value = wire.decode(reply.get("value"), reply_blobs)
        except wire.NotData as exc:
            raise NotPlainData(str(exc)) from None
        mutated = [index for index in reply.get("mutated", []) if type(index) is int]
        return value, mutated

    def _call_error(
        self, module: str, function: str, reply: dict[str, Any]
    ) -> StudentCodeError:
        error = reply.get("error") or {}
        refused = strings(reply.get("forbidden"))
        if refused:
            return ForbiddenModule(module, refused)
        if reply.get("not_data"):
            return NotPlainData(str(error.get("message", "")))
        return StudentException.from_reply(error, function)

    def _retire(self, banned: frozenset[str]) -> None:
        worker = self._workers.pop(banned, None)
        if worker is not None:
            worker.kill()
            self.outputs.append(worker.output.text())

    def close(self) -> str:
        """Stop the workers; everything they printed (first and last parts)."""
        for banned in list(self._workers):
            self._retire(banned)
        return combined(self.outputs)


def combined(outputs: list[str], keep: int = OUTPUT_KEPT) -> str:
    """All workers' outputs as one, again only its first and last parts."""
    data = "".join(outputs).encode("utf-8", "replace")
    return kept(data[:keep], data[max(keep, len(data) - keep) :], len(data))


def strings(value: Any) -> list[str]:
    """The strings of a list from the worker; anything else is dropped."""
    return (
        [item for item in value if isinstance(item, str)] if type(value) is list else []
    )

"""The isolation layer: what walls the worker off, chosen once per run.

Two layers, the strongest that works here is used:

``bwrap``
    bubblewrap (Linux). The worker gets its own PID, network, IPC and UTS
    namespaces: no network, only its own processes in sight, and when its
    first process dies the kernel kills every process it started, setsid or
    not. Its filesystem is built from nothing: the system folders and the
    interpreter's folders read-only, the workspace as ``/workspace`` and as
    ``/tmp``, an empty ``/dev`` and its own ``/proc``. The course (and so
    ``solutions/``), the grader's temp folders and the home folders are not
    in it. Run as root, each session's worker also gets a user id of its own
    (``setpriv``), so ``RLIMIT_NPROC`` counts and files outside stay out of
    reach; bwrap's own arguments go through a pipe, so not even the paths
    show in ``/proc/1/cmdline``.
``process``
    a plain child process: allow-listed environment, new session, kernel
    limits. What the grading user can read, the worker can read.

``current()`` decides on the first call of a run: it starts a real Python
under bwrap once and keeps the answer. If bwrap does not work, it says so in
one line on stderr and uses the plain process. ``GRADER_ISOLATION`` chooses:
``auto`` (default), ``bwrap`` (fail if it does not work) or ``process``;
``GRADER_BWRAP`` names the bwrap program.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from grader.errors import GraderError
from grader.i18n import _

INSIDE_WORKSPACE = "/workspace"
INSIDE_SCRIPTS = "/opt/grader-worker"
STUB_MODULE = Path(__file__).parent / "worker" / "unavailable.py"
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "alternatives",
    "localtime",
    "passwd",
    "group",
)
UID_BASE = 1 << 30  # far above any real account: 2**30 + (grading pid << 8 | n)
PROBE_SECONDS = 30.0
SETTINGS = ("auto", "bwrap", "process")
DECIDED = "GRADER_ISOLATION_DECIDED"

_sessions = itertools.count()
_chosen: dict[tuple[str, str], Isolation] = {}


@dataclass(frozen=True)
class Command:
    """How to start one worker: the argv, and descriptors the child must inherit."""

    argv: list[str]
    pass_fds: tuple[int, ...] = ()
    close_after_start: tuple[int, ...] = ()


@dataclass(frozen=True)
class Enclosure:
    """One session's walls: the paths its workers see and the user they run as."""

    workspace: Path
    inside: str
    tmp: str
    scripts: str
    uid: int | None = None
    conceal: tuple[Path, ...] = ()
    host_tmp: Path | None = None  # what the worker sees as /tmp, outside the workspace


@dataclass(frozen=True)
class Isolation:
    """The plain process: no walls beyond the process boundary itself."""

    name: str = "process"
    reason: str = ""

    def enclose(self, workspace: Path, conceal: Sequence[Path] = ()) -> Enclosure:
        """Prepare ``workspace`` for this session's workers."""
        tmp = private_tmp(workspace)
        return Enclosure(
            workspace=workspace,
            inside=str(workspace),
            tmp=str(tmp),
            scripts=str(Path(__file__).parent / "worker"),
            conceal=tuple(conceal),
            host_tmp=tmp,
        )

    def command(
        self, enclosure: Enclosure, python: list[str], hide: Sequence[str] = ()
    ) -> Command:
        """The worker's command; ``hide`` are modules it must not find (bwrap only)."""
        return Command(python)

    def exit_status(self, code: int | None) -> int | None:
        """The worker's own exit status: negative for a signal, as subprocess says."""
        return code

    def protections(self) -> list[tuple[bool, str]]:
        """What this layer guards against, each with whether it is active."""
        return [
            (False, _("a separate user for each submission")),
            (
                False,
                _(
                    "own process namespace: every process the worker started dies with it"
                ),
            ),
            (False, _("cut off from the network")),
            (
                False,
                _(
                    "a read-only view of the system without the course's solutions/ or the grader's temp folders; a private /tmp"
                ),
            ),
            (
                True,
                _(
                    "allow-listed environment, stdin from /dev/null, a new session, only its channel inherited"
                ),
            ),
            (True, _("kernel limits on CPU time, memory, file size and open files")),
            (os.getuid() != 0, _("a limit on the number of processes")),
        ]


@dataclass(frozen=True)
class Bubblewrap(Isolation):
    """Namespaces and a filesystem view built by bubblewrap; see the module docstring."""

    name: str = "bwrap"
    program: str = "bwrap"
    as_root: bool = False  # root: own user ids through setpriv; else a user namespace

    def enclose(self, workspace: Path, conceal: Sequence[Path] = ()) -> Enclosure:
        tmp = private_tmp(workspace)
        uid = None
        if self.as_root:
            uid = UID_BASE + ((os.getpid() & 0x3FFFFF) << 8 | next(_sessions) & 0xFF)
            for folder in (workspace, tmp):
                os.chown(folder, uid, uid)
        return Enclosure(
            workspace=workspace,
            inside=INSIDE_WORKSPACE,
            tmp="/tmp",
            scripts=INSIDE_SCRIPTS,
            uid=uid,
            conceal=tuple(conceal),
            host_tmp=tmp,
        )

    def command(
        self, enclosure: Enclosure, python: list[str], hide: Sequence[str] = ()
    ) -> Command:
        read = options_file(self.options(enclosure, hide))
        user = []
        if enclosure.uid is not None:
            ids = str(enclosure.uid)
            user = ["setpriv", "--reuid", ids, "--regid", ids, "--clear-groups"]
            user += ["--inh-caps=-all", "--"]
        argv = [self.program, "--args", str(read), "--", *user, *python]
        return Command(argv, pass_fds=(read,), close_after_start=(read,))

    def options(self, enclosure: Enclosure, hide: Sequence[str]) -> list[str]:
        """bwrap's options: namespaces, then the filesystem, in mount order."""
        options = ["--die-with-parent", "--new-session", "--unshare-pid"]
        options += ["--unshare-net", "--unshare-ipc", "--unshare-uts"]
        options += ["--unshare-cgroup-try", "--hostname", "grader"]
        if self.as_root:
            options += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            options += ["--unshare-user"]
        mounts = system_view()
        mounts += [
            ("--proc", "", "/proc"),
            ("--dev", "", "/dev"),
            ("--bind", str(enclosure.workspace), INSIDE_WORKSPACE),
            ("--bind", str(enclosure.host_tmp), "/tmp"),
        ]  # before the interpreter's folders, which may lie under /tmp
        folders = python_folders()
        mounts += [("--ro-bind", str(folder), str(folder)) for folder in folders]
        mounts += [
            ("--tmpfs", "", str(path))
            for path in enclosure.conceal
            if path.is_dir() and any(path.is_relative_to(f) for f in folders)
        ]
        mounts += stand_ins(hide)
        mounts.append(
            ("--ro-bind", str(Path(__file__).parent / "worker"), INSIDE_SCRIPTS)
        )
        return [*options, *layout(mounts), "--chdir", INSIDE_WORKSPACE]

    def exit_status(self, code: int | None) -> int | None:
        # bwrap reports a child killed by signal n as exit status 128 + n; a
        # worker that calls sys.exit(139) itself is read as SIGSEGV, which only
        # changes the wording of its error.
        if code is not None and 128 < code < 128 + 65:
            return -(code - 128)
        return code

    def protections(self) -> list[tuple[bool, str]]:
        texts = [text for _on, text in super().protections()]
        counted = self.as_root or os.getuid() != 0  # RLIMIT_NPROC binds non-root only
        return (
            [(self.as_root, texts[0])]
            + [(True, t) for t in texts[1:-1]]
            + [(counted, texts[-1])]
        )


Mount = tuple[str, str, str]  # bwrap option, source ('' if none), destination


def fresh_tmp(enclosure: Enclosure) -> Enclosure:
    """The same walls with a new, empty /tmp: for every start of a worker."""
    tmp = private_tmp(enclosure.workspace)
    if enclosure.uid is not None:
        os.chown(tmp, enclosure.uid, enclosure.uid)
    inside_tmp = enclosure.tmp if enclosure.tmp == "/tmp" else str(tmp)
    return dataclasses.replace(enclosure, host_tmp=tmp, tmp=inside_tmp)


def private_tmp(workspace: Path) -> Path:
    """A fresh folder for the worker's /tmp, beside the workspace, never inside it.

    Inside, a student could replace it with a symbolic link before the next
    worker starts, and bwrap (as root) would follow the link on the host.
    Beside it, only the grading process can name it.
    """
    return Path(tempfile.mkdtemp(prefix="worker-tmp-", dir=workspace.parent))


def options_file(options: list[str]) -> int:
    """A descriptor to read bwrap's options from (``--args``), NUL-separated.

    Passed this way they do not show in the sandbox's ``/proc/1/cmdline``.
    """
    data = b"".join(option.encode() + b"\0" for option in options)
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("bwrap-options")
        os.write(fd, data)
        os.lseek(fd, 0, os.SEEK_SET)
        return fd
    read, write = os.pipe()  # pragma: no cover - small enough for a pipe's buffer
    os.write(write, data)
    os.close(write)
    return read


def system_view() -> list[Mount]:
    """The system folders read-only (symlinks kept as symlinks) and a few of /etc."""
    mounts: list[Mount] = []
    for folder in SYSTEM_FOLDERS:
        path = Path(folder)
        if path.is_symlink():
            mounts.append(("--symlink", os.readlink(path), folder))
        elif path.is_dir():
            mounts.append(("--ro-bind", folder, folder))
    for name in ETC_FILES:
        if (Path("/etc") / name).exists():
            mounts.append(("--ro-bind", f"/etc/{name}", f"/etc/{name}"))
    return mounts


def stand_ins(names: Sequence[str]) -> list[Mount]:
    """Mounts that put a module that raises ImportError where ``names`` would be found."""
    mounts: list[Mount] = []
    for location in module_locations(names):
        if location.is_dir():
            mounts.append(("--tmpfs", "", str(location)))
            mounts.append(
                ("--ro-bind", str(STUB_MODULE), str(location / "__init__.py"))
            )
        else:
            mounts.append(("--ro-bind", os.devnull, str(location)))
    return mounts


def layout(mounts: list[Mount]) -> list[str]:
    """bwrap options for ``mounts``, with the folders leading to each made walkable.

    bwrap creates missing parents as 0700, which a worker running as another
    user could not pass. Parents inside an earlier bind of a folder onto its
    own path exist already; any other parent is created 0755.
    """
    options: list[str] = []
    made: set[Path] = set()
    mirrored: list[Path] = []
    for option, source, destination in mounts:
        for parent in reversed(Path(destination).parents[:-1]):
            if parent in made or any(parent.is_relative_to(m) for m in mirrored):
                continue
            options += ["--perms", "0755", "--dir", str(parent)]
            made.add(parent)
        options += [option, source, destination] if source else [option, destination]
        if option in ("--ro-bind", "--bind") and source == destination:
            mirrored.append(Path(destination))
    return options


def python_folders() -> list[Path]:
    """The interpreter's own folders, outermost only, outside the system folders."""
    candidates = {
        Path(folder).resolve()
        for folder in (
            sys.prefix,
            sys.base_prefix,
            sys.exec_prefix,
            sys.base_exec_prefix,
            Path(sys.executable).resolve().parent.parent,
        )
    }
    system = [Path(folder) for folder in SYSTEM_FOLDERS]
    kept = [
        path
        for path in candidates
        if path != Path("/") and not any(path.is_relative_to(s) for s in system)
    ]
    return sorted(
        path
        for path in kept
        if not any(path != other and path.is_relative_to(other) for other in kept)
    )


def module_locations(names: Sequence[str]) -> list[Path]:
    """Every copy of these top-level modules a worker could reach.

    The copy the grading process would import, and any other in the
    interpreter folders the worker sees (a base interpreter's site-packages
    beside a virtual environment's, for one).
    """
    locations = other_copies(names)
    for name in names:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        if spec.submodule_search_locations:
            locations += [Path(p) for p in spec.submodule_search_locations]
        elif spec.origin and Path(spec.origin).is_file():
            locations.append(Path(spec.origin))
    return sorted(set(locations))


def other_copies(names: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for folder in python_folders():
        for packages in (
            *folder.glob("lib/python3*/site-packages"),
            *folder.glob("lib/python3*/dist-packages"),
        ):
            for name in names:
                found += [path for path in packages.glob(f"{name}") if path.is_dir()]
                found += [
                    path
                    for path in packages.glob(f"{name}.*")
                    if path.is_file() and path.suffix in (".py", ".so")
                ]
                found += [
                    path
                    for path in packages.glob(f"{name}.cpython-*.so")
                    if path.is_file()
                ]
    return found


def probe(layer: Isolation) -> str:
    """Start a Python under ``layer`` once; '' if it works, else why not."""
    with tempfile.TemporaryDirectory(prefix="grade-probe-") as scratch:
        workspace = Path(scratch) / "workspace"
        workspace.mkdir()
        enclosure = layer.enclose(workspace)
        script = "import numpy, os; open('/tmp/probe', 'w'); print(os.getuid())"
        command = layer.command(enclosure, [sys.executable, "-I", "-c", script])
        try:
            done = subprocess.run(
                command.argv,
                pass_fds=command.pass_fds,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=PROBE_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        finally:
            for fd in command.close_after_start:
                os.close(fd)
        expected = str(enclosure.uid if enclosure.uid is not None else os.getuid())
        if done.returncode != 0 or done.stdout.decode().strip() != expected:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            return lines[-1] if lines else f"exit status {done.returncode}"
        return ""


def working_bubblewrap(program: str) -> Bubblewrap | str:
    """bwrap as root with its own user ids, else in a user namespace; why not if neither."""
    modes = (True, False) if os.getuid() == 0 else (False,)
    failure = ""
    for as_root in modes:
        layer = Bubblewrap(program=program, as_root=as_root)
        failure = probe(layer)
        if not failure:
            return layer
    return failure


def choose(
    setting: str = "auto", program: str = "bwrap", warn: TextIO | None = None
) -> Isolation:
    """The strongest layer that works here; a warning on ``warn`` when falling back."""
    if setting not in SETTINGS:
        raise GraderError(
            _("GRADER_ISOLATION={value}: expected one of {choices}").format(
                value=setting, choices=", ".join(SETTINGS)
            )
        )
    if setting == "process":
        reason = _("GRADER_ISOLATION=process")
    elif shutil.which(program) is None:
        reason = _("{program} not found").format(program=program)
    else:
        layer = working_bubblewrap(program)
        if isinstance(layer, Bubblewrap):
            return layer
        reason = _("{program} does not work here: {reason}").format(
            program=program, reason=layer
        )
    if setting == "bwrap":
        raise GraderError(
            _(
                "GRADER_ISOLATION=bwrap, but {reason}; install bubblewrap or allow user namespaces"
            ).format(reason=reason)
        )
    if warn is not None:
        print(
            _(
                "grade: warning: student code runs as a plain process ({reason}): no namespaces, no separate user; see README, Security model"
            ).format(reason=reason),
            file=warn,
        )
    return Isolation(reason=reason)


def current() -> Isolation:
    """The layer of this run, decided on first use (and warned about once).

    The decision is left in the environment, so processes this one starts
    (a class graded in parallel) take it over without probing or warning again.
    """
    setting = os.environ.get("GRADER_ISOLATION", "auto") or "auto"
    program = os.environ.get("GRADER_BWRAP", "bwrap") or "bwrap"
    key = (setting, program)
    if key not in _chosen:
        _chosen[key] = inherited(key) or choose(setting, program, warn=sys.stderr)
        layer = _chosen[key]
        mode = "root" if getattr(layer, "as_root", False) else layer.reason
        os.environ[DECIDED] = "\x1f".join((*key, layer.name, mode))
    return _chosen[key]


def inherited(key: tuple[str, str]) -> Isolation | None:
    """The decision a parent process left for ``key``, if any."""
    parts = os.environ.get(DECIDED, "").split("\x1f")
    if len(parts) != 4 or tuple(parts[:2]) != key:
        return None
    if parts[2] == "bwrap":
        return Bubblewrap(program=key[1], as_root=parts[3] == "root")
    return Isolation(reason=parts[3])


def describe(layer: Isolation) -> list[str]:
    """``grade doctor``'s lines: the layer, then each protection, on or off."""
    title = _("isolation: {name}").format(name=layer.name)
    if layer.reason:
        title += f" ({layer.reason})"
    marks = {True: _("yes"), False: _("no ")}
    return [title] + [f"  {marks[on]}  {text}" for on, text in layer.protections()]

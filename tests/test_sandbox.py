"""The worker runs student code apart: limits, restarts and failures become statuses.

Every test runs under each isolation layer this machine has: the plain
process, and bwrap where it works.
"""

from __future__ import annotations

import os
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from grader.errors import (
    CallTimeout,
    ForbiddenModule,
    ImportFailed,
    MissingFunction,
    NotHandedIn,
    NotImplementedYet,
    NotPlainData,
    OutOfMemory,
    StudentException,
    TooMuchOutput,
    WorkerCrashed,
)
from grader.isolation import Isolation, current
from grader.sandbox import Limits, Session

LIMITS = Limits(call_seconds=1.0, import_seconds=2.0)


def layers() -> list[Isolation]:
    strongest = current()
    return [Isolation(reason="test")] + (
        [strongest] if strongest.name != "process" else []
    )


@pytest.fixture(params=layers(), ids=lambda layer: layer.name)
def layer(request: pytest.FixtureRequest) -> Isolation:
    layer: Isolation = request.param
    return layer


@pytest.fixture
def open_session(layer: Isolation, tmp_path: Path) -> Iterator[Session]:
    session = Session(tmp_path, LIMITS, isolation=layer)
    yield session
    session.close()


@pytest.fixture
def strong_session(tmp_path: Path) -> Iterator[Session]:
    """A session in the bwrap layer: required where CI runs as root with bwrap."""
    from tests.test_isolation import strongest_or_skip

    session = Session(tmp_path, LIMITS, isolation=strongest_or_skip())
    yield session
    session.close()


def workspace(session: Session, **modules: str) -> Session:
    for name, source in modules.items():
        path = session.workspace / f"{name}.py"
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return session


def processes_with(marker: str) -> list[int]:
    """Host processes whose command line holds ``marker``."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                    if marker.encode() in cmdline.read():
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def wait_until_gone(marker: str) -> list[int]:
    for _ in range(40):
        alive = processes_with(marker)
        if not alive:
            return []
        time.sleep(0.05)
    for pid in alive:  # only processes this test started: they carry its marker
        os.kill(pid, 9)
    return alive


def test_a_call_returns_data_and_output_is_kept(open_session: Session) -> None:
    session = workspace(
        open_session,
        m="""
        import numpy as np
        def double(a):
            print("doubling")
            return a * 2
    """,
    )
    value, mutated = session.call("m", "double", (np.arange(3),), {})
    assert np.array_equal(value, [0, 2, 4]) and mutated == []
    assert "doubling" in session.close()


def test_a_hung_function_costs_one_time_limit_and_others_still_run(
    open_session: Session,
) -> None:
    session = workspace(
        open_session,
        m="""
        def spin():
            while True:
                pass
        def fine():
            return 1
    """,
    )
    started = time.monotonic()
    with pytest.raises(CallTimeout, match="1 s"):
        session.call("m", "spin", (), {})
    with pytest.raises(CallTimeout, match="earlier call"):
        session.call("m", "spin", (), {})
    assert session.call("m", "fine", (), {})[0] == 1
    assert time.monotonic() - started < LIMITS.call_seconds + LIMITS.start_seconds


def test_os_exit_at_import_breaks_only_that_module(open_session: Session) -> None:
    session = workspace(
        open_session,
        bad="import os\nos._exit(0)\n",
        good="def f():\n    return 'ok'\n",
    )
    with pytest.raises(ImportFailed, match="ended the Python process"):
        session.call("bad", "f", (), {})
    with pytest.raises(ImportFailed):  # remembered: not imported again
        session.call("bad", "f", (), {})
    assert session.call("good", "f", (), {})[0] == "ok"


def test_sys_exit_at_import_is_reported_not_obeyed(open_session: Session) -> None:
    session = workspace(
        open_session, m="import sys\nprint('Score: 100/100')\nsys.exit(0)\n"
    )
    with pytest.raises(ImportFailed, match=r"sys\.exit"):
        session.load("m")


def test_a_syntax_error_names_the_line(open_session: Session) -> None:
    session = workspace(open_session, m="def f(:\n    pass\n")
    with pytest.raises(ImportFailed, match="SyntaxError"):
        session.load("m")


@pytest.mark.parametrize(
    ("crash", "signal_name"),
    [("os.abort()", "SIGABRT"), ("ctypes.string_at(0)", "SIGSEGV")],
    ids=["abort", "segfault"],
)
def test_a_crash_names_its_signal_and_restarts_the_worker(
    open_session: Session, crash: str, signal_name: str
) -> None:
    session = workspace(
        open_session,
        m=f"""
        import ctypes, os
        def crash():
            {crash}
        def fine():
            return 2
    """,
    )
    with pytest.raises(WorkerCrashed, match=signal_name) as failure:
        session.call("m", "crash", (), {})
    assert failure.value.status == "error"
    assert session.call("m", "fine", (), {})[0] == 2


def test_changing_an_input_in_place_is_reported(open_session: Session) -> None:
    session = workspace(open_session, m="def f(a):\n    a[0] = 9\n    return a\n")
    value, mutated = session.call("m", "f", (np.zeros(2),), {})
    assert mutated == [0] and value[0] == 9


def test_objects_that_are_not_data_fail_plainly(open_session: Session) -> None:
    session = workspace(
        open_session,
        m="""
        class Always:
            def __eq__(self, other):
                return True
        def f():
            return Always()
    """,
    )
    with pytest.raises(NotPlainData, match="not plain data"):
        session.call("m", "f", (), {})


def test_a_result_larger_than_allowed_is_not_read(open_session: Session) -> None:
    session = workspace(
        open_session,
        m="import numpy as np\ndef big():\n    return np.zeros(2 * 2**20, np.uint8)\n",
    )
    session.limits = Limits(call_seconds=5.0, result_bytes=2**20)
    with pytest.raises(NotPlainData, match="larger than 1 MiB"):
        session.call("m", "big", (), {})


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("def f():\n    raise NotImplementedError\n", NotImplementedYet),
        ("def f():\n    raise ValueError('bad k')\n", StudentException),
        ("def f():\n    return bytearray(8 * 1024 ** 3)\n", OutOfMemory),
    ],
    ids=["not-implemented", "exception", "memory"],
)
def test_exceptions_become_statuses(
    open_session: Session, source: str, error: type
) -> None:
    session = workspace(open_session, m=source)
    with pytest.raises(error):
        session.call("m", "f", (), {})


def test_missing_files_and_functions_are_named(open_session: Session) -> None:
    session = workspace(open_session, m="def f():\n    return 1\n")
    with pytest.raises(NotHandedIn, match=r"other\.py"):
        session.call("other", "f", (), {})
    with pytest.raises(MissingFunction, match="g"):
        session.call("m", "g", (), {})


def test_the_worker_sees_an_allow_listed_environment_and_its_workspace(
    open_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_TEST_SECRET", "s3cret")
    session = workspace(
        open_session,
        m="""
        import os, sys
        def probe():
            return [sorted(os.environ), os.getcwd(), sys.path, sys.flags.isolated,
                    os.environ["HOME"], os.environ["TMPDIR"]]
    """,
    )
    names, cwd, path, isolated, home, tmp = session.call("m", "probe", (), {})[0]
    assert "GRADER_TEST_SECRET" not in names
    inside = (
        "/workspace" if session.isolation.name == "bwrap" else str(session.workspace)
    )
    assert cwd == home == inside and path[0] == inside
    # never inside the workspace, where a student could swap it for a link
    assert tmp == "/tmp" or (
        Path(tmp).name.startswith("worker-tmp-")
        and not Path(tmp).is_relative_to(session.workspace)
    )
    assert not any("grader" in Path(entry).parts for entry in path if entry)
    assert isolated == 1


def test_the_worker_inherits_no_descriptor_but_its_channel(
    open_session: Session,
) -> None:
    session = workspace(
        open_session,
        m="""
        import os, sys, stat
        def descriptors():
            listing = os.listdir("/proc/self/fd")  # opens one itself
            return sorted(int(fd) for fd in listing if fd.isdigit() and os.path.exists(f"/proc/self/fd/{fd}"))
        def stdin():
            return sys.stdin.read()
    """,
    )
    fds = session.call("m", "descriptors", (), {})[0]
    assert fds[:3] == [0, 1, 2] and len(fds) <= 5, (
        fds
    )  # std streams and the two pipe ends
    assert session.call("m", "stdin", (), {})[0] == ""


def test_a_forbidden_module_is_refused_at_import_and_at_call_time(
    open_session: Session,
) -> None:
    session = workspace(
        open_session,
        at_import="import cv2\ndef f():\n    return 1\n",
        at_call="""
        import importlib, sys
        def inside():
            import cv2
            return cv2.blur
        def by_name():
            return importlib.import_module("cv2").__name__
        def from_modules():
            return sys.modules["cv2"].__name__
        def careful():
            try:
                import cv2
            except ImportError:
                return "without"
            return "with"
    """,
        allowed="import cv2\ndef version():\n    return cv2.__version__\n",
    )
    session.forbidden = {
        "at_import": frozenset({"cv2", "scipy"}),
        "at_call": frozenset({"cv2", "scipy"}),
    }
    with pytest.raises(ForbiddenModule, match=r"at_import\.py uses cv2") as failure:
        session.load("at_import")
    assert failure.value.status == "failed"
    for function in ("inside", "by_name"):
        with pytest.raises(ForbiddenModule, match="cv2"):
            session.call("at_call", function, (), {})
    with pytest.raises(ForbiddenModule, match="cv2"):
        session.call("at_call", "from_modules", (), {})  # never loaded in its worker
    assert session.call("at_call", "careful", (), {})[0] == "without"
    assert session.call("allowed", "version", (), {})[0]  # other exercises keep it


def test_an_audit_hook_keeps_refusing_after_the_finders_are_cleared(
    open_session: Session,
) -> None:
    session = workspace(
        open_session,
        m="""
        import sys
        def sneaky():
            sys.meta_path[:] = [f for f in sys.meta_path if "Guard" not in type(f).__name__]
            sys.modules.pop("cv2", None)
            import cv2
            return cv2.__version__
    """,
    )
    session.forbidden = {"m": frozenset({"cv2"})}
    with pytest.raises(ForbiddenModule, match="cv2"):
        session.call("m", "sneaky", (), {})


def test_printing_without_end_is_stopped_and_kept_head_and_tail(
    open_session: Session,
) -> None:
    session = workspace(
        open_session,
        m="""
        import sys
        def chatty():
            print("FIRST LINE")
            while True:
                sys.stdout.write("x" * 65536)
        def fine():
            return 3
    """,
    )
    session.limits = Limits(call_seconds=10.0, output_bytes=4 * 2**20)
    started = time.monotonic()
    with pytest.raises(TooMuchOutput, match="more than 4 MiB") as failure:
        session.call("m", "chatty", (), {})
    assert failure.value.status == "error"
    assert time.monotonic() - started < 5.0
    assert session.call("m", "fine", (), {})[0] == 3
    output = session.close()
    assert output.startswith("FIRST LINE") and "bytes not kept" in output
    assert len(output) < 64 * 1024


def test_cpu_time_is_limited_from_outside(open_session: Session) -> None:
    session = workspace(
        open_session,
        m="""
        def spin():
            while True:
                pass
    """,
    )
    session.limits = Limits(call_seconds=20.0, cpu_seconds=1)
    started = time.monotonic()
    with pytest.raises(CallTimeout, match="CPU time"):
        session.call("m", "spin", (), {})
    assert time.monotonic() - started < 10.0


@pytest.mark.parametrize(
    ("source", "phrase"),
    [
        ("open('big', 'wb').write(bytes(2 * 2**20))", "File too large"),
        ("[open('f%d' % i, 'w') for i in range(100)]", "Too many open files"),
    ],
    ids=["file-size", "open-files"],
)
def test_files_are_limited_in_size_and_number(
    open_session: Session, source: str, phrase: str
) -> None:
    session = workspace(open_session, m=f"def f():\n    {source}\n")
    session.limits = Limits(call_seconds=5.0, file_bytes=2**20, open_files=32)
    with pytest.raises(StudentException, match=phrase):
        session.call("m", "f", (), {})


def test_the_number_of_processes_is_limited(strong_session: Session) -> None:
    """Root ignores RLIMIT_NPROC, so on the plain layer only a non-root grader gets this."""
    session = workspace(
        strong_session,
        m="""
        import os, time
        def fork_bomb():
            children = []
            try:
                for _ in range(200):
                    pid = os.fork()
                    if pid == 0:
                        time.sleep(30)
                        os._exit(0)
                    children.append(pid)
            except OSError:
                pass
            return len(children)
    """,
    )
    session.limits = Limits(call_seconds=10.0, processes=16)
    assert session.call("m", "fork_bomb", (), {})[0] < 16


def test_children_of_the_worker_do_not_outlive_it(open_session: Session) -> None:
    marker = f"grader-test-{uuid.uuid4().hex}"
    session = workspace(
        open_session,
        m=f"""
        import subprocess, sys
        def spawn():
            sleeper = [sys.executable, "-c", "import time; time.sleep(60)", "{marker}"]
            subprocess.Popen(sleeper)
            subprocess.Popen(sleeper, start_new_session=True)
            return 2
    """,
    )
    assert session.call("m", "spawn", (), {})[0] == 2
    assert processes_with(marker)
    session.close()
    assert wait_until_gone(marker) == []


def test_a_daemon_that_double_forked_dies_with_the_namespace(
    strong_session: Session,
) -> None:
    """A plain process cannot find a daemon that left its tree: the bwrap layer's PID namespace can."""
    marker = f"grader-test-{uuid.uuid4().hex}"
    session = workspace(
        strong_session,
        m=f"""
        import os, subprocess, sys
        def daemon():
            if os.fork() == 0:
                os.setsid()
                subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "{marker}"])
                os._exit(0)
            os.wait()
            return 1
    """,
    )
    assert session.call("m", "daemon", (), {})[0] == 1
    time.sleep(0.2)
    assert processes_with(marker)
    session.close()
    assert wait_until_gone(marker) == []


def test_children_of_a_worker_that_died_at_import_are_killed(
    open_session: Session,
) -> None:
    grouped, escaped = (f"grader-test-{uuid.uuid4().hex}" for _ in range(2))
    session = workspace(
        open_session,
        m=f"""
        import os, subprocess, sys
        sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
        subprocess.Popen(sleeper + ["{grouped}"])
        subprocess.Popen(sleeper + ["{escaped}"], start_new_session=True)
        os._exit(0)
    """,
    )
    with pytest.raises(ImportFailed, match="ended the Python process"):
        session.load("m")
    assert wait_until_gone(grouped) == []
    left = wait_until_gone(
        escaped
    )  # a plain process loses an orphan that left its group
    assert left == [] or session.isolation.name == "process"

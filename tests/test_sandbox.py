"""The worker runs student code apart: limits, restarts and failures become statuses."""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from grader.errors import (
    CallTimeout,
    ImportFailed,
    MissingFunction,
    NotHandedIn,
    NotImplementedYet,
    NotPlainData,
    OutOfMemory,
    StudentException,
    WorkerCrashed,
)
from grader.sandbox import Limits, Session

LIMITS = Limits(call_seconds=1.0, import_seconds=2.0)


def workspace(tmp_path: Path, **modules: str) -> Session:
    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return Session(tmp_path, LIMITS)


def test_a_call_returns_data_and_output_is_kept(tmp_path: Path) -> None:
    session = workspace(
        tmp_path,
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
    tmp_path: Path,
) -> None:
    session = workspace(
        tmp_path,
        m="""
        def spin():
            while True:
                pass
        def fine():
            return 1
    """,
    )
    started = time.monotonic()
    with pytest.raises(CallTimeout):
        session.call("m", "spin", (), {})
    with pytest.raises(CallTimeout, match="earlier call"):
        session.call("m", "spin", (), {})
    assert session.call("m", "fine", (), {})[0] == 1
    assert time.monotonic() - started < LIMITS.call_seconds + LIMITS.start_seconds
    session.close()


def test_os_exit_at_import_breaks_only_that_module(tmp_path: Path) -> None:
    session = workspace(
        tmp_path, bad="import os\nos._exit(0)\n", good="def f():\n    return 'ok'\n"
    )
    with pytest.raises(ImportFailed, match="ended the Python process"):
        session.call("bad", "f", (), {})
    with pytest.raises(ImportFailed):  # remembered: not imported again
        session.call("bad", "f", (), {})
    assert session.call("good", "f", (), {})[0] == "ok"
    session.close()


def test_sys_exit_at_import_is_reported_not_obeyed(tmp_path: Path) -> None:
    session = workspace(
        tmp_path, m="import sys\nprint('Score: 100/100')\nsys.exit(0)\n"
    )
    with pytest.raises(ImportFailed, match=r"sys\.exit"):
        session.load("m")
    session.close()


def test_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    session = workspace(tmp_path, m="def f(:\n    pass\n")
    with pytest.raises(ImportFailed, match="SyntaxError"):
        session.load("m")
    session.close()


def test_a_crash_during_a_call_restarts_the_worker(tmp_path: Path) -> None:
    session = workspace(
        tmp_path,
        m="""
        import os
        def crash():
            os.abort()
        def fine():
            return 2
    """,
    )
    with pytest.raises(WorkerCrashed, match="SIGABRT"):
        session.call("m", "crash", (), {})
    assert session.call("m", "fine", (), {})[0] == 2
    session.close()


def test_changing_an_input_in_place_is_reported(tmp_path: Path) -> None:
    session = workspace(tmp_path, m="def f(a):\n    a[0] = 9\n    return a\n")
    value, mutated = session.call("m", "f", (np.zeros(2),), {})
    assert mutated == [0] and value[0] == 9
    session.close()


def test_objects_that_are_not_data_fail_plainly(tmp_path: Path) -> None:
    session = workspace(
        tmp_path,
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
    session.close()


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("def f():\n    raise NotImplementedError\n", NotImplementedYet),
        ("def f():\n    raise ValueError('bad k')\n", StudentException),
        ("def f():\n    return bytearray(8 * 1024 ** 3)\n", OutOfMemory),
    ],
    ids=["not-implemented", "exception", "memory"],
)
def test_exceptions_become_statuses(tmp_path: Path, source: str, error: type) -> None:
    session = workspace(tmp_path, m=source)
    with pytest.raises(error):
        session.call("m", "f", (), {})
    session.close()


def test_missing_files_and_functions_are_named(tmp_path: Path) -> None:
    session = workspace(tmp_path, m="def f():\n    return 1\n")
    with pytest.raises(NotHandedIn, match=r"other\.py"):
        session.call("other", "f", (), {})
    with pytest.raises(MissingFunction, match="g"):
        session.call("m", "g", (), {})
    session.close()


def test_the_worker_sees_an_allow_listed_environment_and_its_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_TEST_SECRET", "s3cret")
    session = workspace(
        tmp_path,
        m="""
        import os, sys
        def probe():
            return [sorted(os.environ), os.getcwd(), sys.path, sys.flags.isolated]
    """,
    )
    names, cwd, path, isolated = session.call("m", "probe", (), {})[0]
    assert "GRADER_TEST_SECRET" not in names
    assert Path(cwd) == tmp_path
    assert not any("grader" in Path(entry).parts for entry in path if entry)
    assert isolated == 1
    session.close()


def test_forbidden_modules_cannot_be_imported_by_that_exercise(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("import scipy_like_forbidden\n", encoding="utf-8")
    session = Session(
        tmp_path, LIMITS, forbidden={"m": frozenset({"scipy_like_forbidden"})}
    )
    with pytest.raises(ImportFailed, match="may not be used"):
        session.load("m")
    session.close()


def test_children_of_the_worker_do_not_outlive_it(tmp_path: Path) -> None:
    session = workspace(
        tmp_path,
        m="""
        import subprocess
        def spawn():
            return subprocess.Popen(["sleep", "60"]).pid
    """,
    )
    pid = session.call("m", "spawn", (), {})[0]
    session.close()
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().split()[2] == "Z":
                break
        time.sleep(0.05)
    else:
        pytest.fail("the worker's child survived")

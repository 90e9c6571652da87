"""The isolation layer: what a worker can reach under bwrap, and the fallback without it."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from grader import isolation
from grader.cli import main
from grader.errors import GraderError, ImportFailed, WorkerCrashed
from grader.isolation import Bubblewrap, Isolation, choose, current
from grader.results import GradeResult
from grader.sandbox import Limits, Session
from tests.conftest import EXAMPLES, ROOT

Grade = Callable[..., GradeResult]

PROBE = """
import os, socket

def read(path):
    try:
        with open(path, "rb") as file:
            return file.read(4096).decode("utf-8", "replace")
    except OSError as exc:
        return f"refused: {exc.strerror}"

def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as exc:
        return [f"refused: {exc.strerror}"]

def snoop(paths, grader_pid, port):
    found = {path: read(path) for path in paths}
    for pid in (grader_pid, os.getppid(), 1):
        for part in ("environ", "mem", "cmdline"):
            found[f"/proc/{pid}/{part}"] = read(f"/proc/{pid}/{part}")
    found["environ"] = repr(dict(os.environ))
    found["/tmp"] = repr(listing("/tmp"))
    found["/"] = repr(listing("/"))
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        found["network"] = "connected"
    except OSError as exc:
        found["network"] = f"refused: {exc}"
    return found
"""


def strongest_or_skip() -> Isolation:
    """The bwrap layer; where CI runs as root with bwrap installed, it must work."""
    layer = current()
    required = os.environ.get("CI") and os.getuid() == 0 and shutil.which("bwrap")
    if layer.name != "bwrap" and not required:
        pytest.skip(f"the bwrap layer does not work here ({layer.reason})")
    assert layer.name == "bwrap", layer.reason
    return layer


@pytest.fixture
def listener() -> Iterator[int]:
    """A server of this test's own on the loopback address."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget this run's decision, so the next Session decides (and warns) again."""
    monkeypatch.setattr(isolation, "_chosen", {})
    monkeypatch.delenv(isolation.DECIDED, raising=False)


def user_namespace_or_skip() -> Isolation:
    strongest_or_skip()
    layer = Bubblewrap(as_root=False)
    failure = isolation.probe(layer)
    if failure:
        pytest.skip(f"bwrap in a user namespace does not work here ({failure})")
    return layer


@pytest.mark.parametrize(
    "make_layer",
    [strongest_or_skip, user_namespace_or_skip],
    ids=["strongest", "user-namespace"],
)
def test_a_worker_cannot_read_the_checks_the_grader_or_its_secrets(
    make_layer: Callable[[], Isolation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    listener: int,
) -> None:
    layer = make_layer()
    token = uuid.uuid4().hex
    monkeypatch.setenv("GRADER_CI_SECRET", token)
    course_secret = tmp_path / "course" / "solutions" / "checks" / "test_secret.py"
    course_secret.parent.mkdir(parents=True)
    course_secret.write_text(f"EXPECTED = {token!r}\n", encoding="utf-8")
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    (scratch / "expected.txt").write_text(token, encoding="utf-8")
    hidden = sorted((ROOT / "solutions" / "checks").glob("test_*.py"))
    paths = [str(course_secret), str(scratch / "expected.txt"), *map(str, hidden)]
    paths += [
        str(ROOT / "solutions" / "padding.py"),
        str(Path.home() / ".bash_history"),
    ]
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "m.py").write_text(textwrap.dedent(PROBE), encoding="utf-8")
    session = Session(
        workspace,
        Limits(call_seconds=5.0),
        conceal=(tmp_path / "course" / "solutions",),
        isolation=layer,
    )
    try:
        found = session.call("m", "snoop", (paths, os.getpid(), listener), {})[0]
    finally:
        session.close()
        shutil.rmtree(scratch)

    assert all(token not in text for text in found.values()), found
    for path in paths:
        assert found[path].startswith("refused"), (path, found[path][:200])
    inside = (1,) if getattr(layer, "as_root", False) else ()  # bwrap's own init
    for part in ("environ", "mem"):
        for pid in (os.getpid(), *inside):
            assert found[f"/proc/{pid}/{part}"].startswith("refused")
    assert found[f"/proc/{os.getpid()}/cmdline"].startswith("refused")
    # bwrap read its options from a pipe: no mount, and no path of the course, in its command line
    assert (
        "--bind" not in found["/proc/1/cmdline"]
        and "--ro-bind" not in found["/proc/1/cmdline"]
    )
    assert str(ROOT / "solutions") not in found["/proc/1/cmdline"]
    assert found["network"].startswith("refused")
    assert "workspace" in found["/"] and str(scratch.name) not in found["/tmp"]


def test_the_strong_layer_runs_as_a_user_of_its_own(tmp_path: Path) -> None:
    layer = strongest_or_skip()
    if not getattr(layer, "as_root", False):
        pytest.skip("a separate user needs bwrap run as root")
    (tmp_path / "m.py").write_text(
        "import os\ndef who():\n    return os.getuid(), os.getgid(), os.getgroups()\n",
        encoding="utf-8",
    )
    session = Session(tmp_path, Limits(call_seconds=5.0), isolation=layer)
    try:
        uid, gid, groups = session.call("m", "who", (), {})[0]
    finally:
        session.close()
    assert uid == gid >= isolation.UID_BASE and groups in ([], [gid])


def test_without_bwrap_the_grader_says_so_once_and_records_it(
    grade: Grade,
    fresh_choice: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GRADER_BWRAP", "/nonexistent/bwrap")
    first = grade(EXAMPLES / "pad_one_side.py")
    second = grade(EXAMPLES / "pad_one_side.py")
    warnings = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(
        "grade: warning: student code runs as a plain process"
    )
    assert "/nonexistent/bwrap not found" in warnings[0]
    assert (
        first.environment["isolation"] == second.environment["isolation"] == "process"
    )


def test_the_fallback_can_be_forced_and_still_grades(
    grade: Grade,
    fresh_choice: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GRADER_ISOLATION", "process")
    result = grade(EXAMPLES / "right" / "padding.py")
    assert result.environment["isolation"] == "process"
    assert result.score == result.max_score > 0
    assert "GRADER_ISOLATION=process" in capsys.readouterr().err


def test_asking_for_bwrap_where_it_cannot_run_is_one_line_error(
    fresh_choice: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GRADER_ISOLATION", "bwrap")
    monkeypatch.setenv("GRADER_BWRAP", "/nonexistent/bwrap")
    assert main(["doctor"]) == GraderError.exit_code
    err = capsys.readouterr().err
    assert err.startswith("grade: GRADER_ISOLATION=bwrap") and err.count("\n") == 1


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(GraderError, match="expected one of auto, bwrap, process"):
        choose("docker")


def test_doctor_lists_each_protection_as_on_or_off(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"isolation: {current().name}" + (
        f" ({current().reason})" if current().reason else ""
    )
    assert len(lines) >= 6
    assert all(line.startswith(("  yes", "  no")) for line in lines[1:])
    if getattr(current(), "as_root", False):
        assert all(line.startswith("  yes") for line in lines[1:])


def test_a_decision_is_handed_to_processes_the_grader_starts(
    fresh_choice: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_ISOLATION", "process")
    layer = current()
    monkeypatch.setattr(isolation, "_chosen", {})  # as in a fresh child process
    assert current() == layer and os.environ[isolation.DECIDED].startswith("process")


def test_bwrap_exit_statuses_read_as_signals() -> None:
    layer = Bubblewrap()
    assert layer.exit_status(139) == -11 and layer.exit_status(134) == -6
    assert layer.exit_status(0) == 0 and layer.exit_status(3) == 3


SWAP_AND_RESTART = """
import os
if not os.path.exists("/workspace/crashed-once"):
    open("/workspace/crashed-once", "w").close()
    if os.path.isdir("/workspace/.tmp"):
        os.rename("/workspace/.tmp", "/workspace/.tmp-old")
    os.symlink("../..", "/workspace/.tmp")      # where /tmp's host folder once lived
    os.symlink("/", "/workspace/root-link")
    os._exit(1)                                  # the next worker is set up anew

def peek(marker):
    seen = {}
    for path in ("/tmp", "/workspace/.tmp", "/workspace/root-link/tmp"):
        try:
            seen[path] = sorted(os.listdir(path))
        except OSError as error:
            seen[path] = ["refused: " + type(error).__name__]
    try:
        open("/tmp/" + marker, "w").write("x")
        open("/workspace/root-link/tmp/" + marker + "-root", "w").write("x")
    except OSError:
        pass
    return seen
"""


def test_links_a_student_makes_are_never_followed_when_a_worker_restarts(
    tmp_path: Path,
) -> None:
    """A worker's /tmp lives beside the workspace, so a link in the workspace cannot redirect it."""
    layer = strongest_or_skip()
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    workspace = scratch / "workspace"
    workspace.mkdir()
    (workspace / "m.py").write_text(SWAP_AND_RESTART, encoding="utf-8")
    marker = f"escape-{uuid.uuid4().hex}"
    session = Session(workspace, Limits(call_seconds=5.0), isolation=layer)
    try:
        with pytest.raises(ImportFailed):
            session.call("m", "peek", (marker,), {})
        session._broken_modules.clear()  # the next call starts a fresh worker, as a later check would
        seen = session.call("m", "peek", (marker,), {})[0]
    finally:
        session.close()
    host_tmp = [
        path for path in scratch.iterdir() if path.name.startswith("worker-tmp-")
    ]
    assert all(
        not (Path("/tmp") / name).exists() for name in (marker, f"{marker}-root")
    )
    assert not (scratch.parent / marker).exists()
    assert host_tmp and all(
        path.is_dir() and not path.is_symlink() for path in host_tmp
    )
    assert "workspace" not in seen["/tmp"]
    shutil.rmtree(scratch, ignore_errors=True)


PLANT = {
    "averaging.py": """
import os
os.symlink(VICTIM, "f")
os.mkfifo("p")
def averaging_kernel(k=3):
    return None
""",
    "convolution.py": "def correlate2d(img, kernel):\n    return img\n",
    "edges.py": """
import os
for name in ("p", "f"):
    try:
        os.unlink(name)
    except OSError:
        pass
try:
    open("f", "w").write("WRITTEN BY A STUDENT")
except OSError:
    pass
def horizontal_edges(img):
    return img
""",
}


def test_links_planted_in_the_workspace_never_steer_a_copy_made_as_root(
    tmp_path: Path,
) -> None:
    """Each kind of worker's workspace is copied before any student code runs."""
    from grader.course import load_course
    from grader.pipeline import grade_submission

    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    folder = tmp_path / "student"
    folder.mkdir()
    for name, source in PLANT.items():
        (folder / name).write_text(
            source.replace("VICTIM", repr(str(victim))), encoding="utf-8"
        )
    result = grade_submission(folder, load_course(ROOT), Limits(call_seconds=5.0))
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert (
        oct(victim.stat().st_mode & 0o7777) == oct(0o644)
        or not victim.stat().st_mode & 0o4000
    )
    assert not [
        check for check in result.checks if "The check itself failed" in check.message
    ]


def test_every_worker_start_gets_an_empty_tmp(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "m.py").write_text(
        "import os\ndef plant():\n    open('/tmp/planted', 'w').close()\n    os._exit(1)\n"
        "def look():\n    return sorted(os.listdir(os.environ.get('TMPDIR', '/tmp')))\n",
        encoding="utf-8",
    )
    session = Session(workspace, Limits(call_seconds=5.0))
    try:
        with pytest.raises(WorkerCrashed):
            session.call("m", "plant", (), {})
        assert "planted" not in session.call("m", "look", (), {})[0]
    finally:
        session.close()

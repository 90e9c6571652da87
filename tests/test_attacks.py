"""Hostile submissions earn no more than their honest part, and change nothing else.

Each case adapts one file of ``shared/cases/attacks/`` (named in ``case``) to
this course's real exercises, rewritten here: the attack lands in one or more
exercise files of an otherwise right submission. Every case is graded through
the whole pipeline, in ``tmp_path``, against the course's first four
exercises with their public and hidden checks, and every case asserts:

- the attacked exercises earn nothing (``zero``), at most what the same
  answers earn as plain honest code (``control``, graded alongside), or at
  most what their honest code earns (``capped``); every other exercise still
  passes every check;
- every check reported, and grading finished within its limits;
- nothing with the case's marker was written outside the workspace;
- no secret (an environment variable, a hidden check) appears in the result;
- the HTML report and the terminal show the submission's text as text.

Files written by the attacks carry a marker unique to the run (``TOKEN`` in
the sources), so what they leave behind is found without guessing.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import tempfile
import textwrap
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from grader.course import Course, load_course
from grader.errors import SubmissionError
from grader.isolation import UID_BASE, current
from grader.pipeline import grade_submission
from grader.render import html, terminal
from grader.results import GradeResult
from grader.sandbox import Limits, descendants
from tests.conftest import EXAMPLES, ROOT

EXERCISES = ("kernel_quiz", "averaging", "padding", "slash")
LIMITS = Limits(
    call_seconds=2.0,
    import_seconds=4.0,
    memory_bytes=1024**3,
    output_bytes=8 * 1024**2,
    cpu_seconds=30,
)
TIME_BOUND = 25.0  # seconds: an import limit, a few call limits, and pytest
FIXED_TMP_NAMES = ("sitecustomize.py", "usercustomize.py", "results.json", "junit.xml")


@dataclass(frozen=True)
class Outcome:
    result: GradeResult
    html: str
    terminal: str
    seconds: float
    token: str
    peak_before: int  # bytes: the largest finished child process before grading


@dataclass(frozen=True)
class Attack:
    case: str
    files: dict[str, str]
    zero: tuple[str, ...] = ()
    capped: tuple[str, ...] = ()
    control: dict[str, str] = field(default_factory=dict)  # the honest equivalent
    strong_only: bool = False  # run only where the bwrap layer holds it
    check: Callable[[Outcome], None] | None = None


def right(exercise: str) -> str:
    return (EXAMPLES / "right" / f"{exercise}.py").read_text(encoding="utf-8")


def code(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def checks_of(outcome: Outcome, exercise: str) -> list[object]:
    return [c for c in outcome.result.checks if c.exercise == exercise]


def messages(outcome: Outcome, exercise: str) -> str:
    return "\n".join(c.message for c in outcome.result.checks if c.exercise == exercise)


# --- the cases ---------------------------------------------------------------

ALWAYS_EQUAL = code(
    """
    class AlwaysEqual(str):
        def __eq__(self, other):
            return True
        def __ne__(self, other):
            return False
        __hash__ = str.__hash__

    def classify_slash(img):
        return AlwaysEqual("/")
    """
)

LIAR = code(
    """
    import numpy as np

    class Liar(np.ndarray):
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            shape = np.broadcast_shapes(*[np.shape(x) for x in inputs])
            if ufunc.__name__ in ("equal", "isclose", "isfinite", "less_equal", "greater_equal"):
                return np.ones(shape, bool)
            if ufunc.__name__ in ("not_equal", "isnan", "isinf", "less", "greater"):
                return np.zeros(shape, bool)
            return np.zeros(shape)
        def __eq__(self, other):
            return np.ones(np.broadcast_shapes(self.shape, np.shape(other)), bool)
        def __ne__(self, other):
            return np.zeros(np.broadcast_shapes(self.shape, np.shape(other)), bool)

    def liar(shape):
        return np.zeros(shape).view(Liar)
    """
)

PATCH_NUMPY = code(
    """
    import unittest
    import numpy as np
    import numpy.testing as npt

    def _ok(*args, **kwargs):
        return None

    for _name in ("assert_array_equal", "assert_allclose", "assert_equal", "assert_almost_equal"):
        setattr(npt, _name, _ok)
    np.array_equal = np.array_equiv = np.allclose = lambda *a, **k: True
    np.isclose = lambda a, b, *x, **k: np.ones(np.broadcast_shapes(np.shape(a), np.shape(b)), bool)
    for _name in dir(unittest.TestCase):
        if _name.startswith("assert"):
            setattr(unittest.TestCase, _name, _ok)

    def pad_zero(img, p):
        return np.zeros_like(img)
    """
)

FORGE_FILES = code(
    """
    import json, os
    FORGED = {"score": 100.0, "tests": [{"name": "all", "score": 1, "status": "passed"}]}
    JUNIT = '<testsuites><testsuite tests="5" failures="0"><testcase name="ok"/></testsuite></testsuites>'
    home = os.path.expanduser("~")
    for base in (os.getcwd(), os.path.join(os.getcwd(), "results"), "/tmp", home, ".."):
        try:
            os.makedirs(base, exist_ok=True)
            for name, text in (
                ("results-TOKEN.json", json.dumps(FORGED)),
                ("results.json", json.dumps(dict(FORGED, marker="TOKEN"))),
                ("junit.xml", JUNIT + "<!--TOKEN-->"),
                ("grades-TOKEN.csv", "student,score\\nme,100\\n"),
            ):
                with open(os.path.join(base, name), "w") as out:
                    out.write(text)
        except OSError:
            pass

    def averaging_kernel(k=3):
        return None

    def box_blur(img, k=3):
        return None
    """
)

STDOUT_MARKERS = code(
    """
    import sys
    LINES = ["PASSED", "===== 42 passed in 0.12s =====", "Score: 100/100",
             '{"score": 100, "max_score": 100}', "::notice title=Autograding::All tests passed",
             "::add-mask::failed", "::set-output name=score::100", "::stop-commands::TOKEN",
             "\\rtest_hidden.py::test_pad PASSED"]

    def spam():
        print("\\n".join(LINES))
        sys.stdout.flush()

    spam()

    def pad_zero(img, p):
        spam()
        return img
    """
)

ALIASING = code(
    """
    import numpy as np

    def pad_zero(img, p):
        out = np.pad(img, [(p, p), (p, p)] + [(0, 0)] * (img.ndim - 2))
        img[...] = 0          # scribbles on the caller's image
        return out
    """
)

NAN_INF = code(
    """
    import numpy as np

    def averaging_kernel(k=3):
        return np.full((k, k), np.nan)

    def box_blur(img, k=3):
        out = np.full(img.shape, np.inf)
        out.flat[0] = np.nan
        return out
    """
)

LEAK_FROM_DISK = code(
    """
    import fnmatch, os

    PATTERNS = ("test_*.py", "conftest.py", "*solution*", "*hidden*", "*.npy", "pytest.ini")

    def roots():
        start = os.getcwd()
        found = [start, os.path.dirname(start), os.path.dirname(os.path.dirname(start))]
        for pid in ("self", str(os.getppid())):
            try:
                argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\\0")
            except OSError:
                continue
            for arg in argv:
                path = arg.decode(errors="replace")
                while path.startswith("/") and path != "/":
                    path = os.path.dirname(path)
                    if os.path.isdir(os.path.join(path, "solutions")):
                        found.append(path)
        return found

    def leak():
        shown = 0
        for root in dict.fromkeys(roots()):
            for folder, dirs, files in os.walk(root):
                if folder.count(os.sep) - root.count(os.sep) > 3:
                    dirs[:] = []
                for name in files:
                    if any(fnmatch.fnmatch(name, p) for p in PATTERNS) and shown < 40:
                        try:
                            print("=== LEAK", folder, name, open(os.path.join(folder, name), "rb").read(800))
                            shown += 1
                        except OSError:
                            pass

    leak()
    """
)

PROBE_WRITES = code(
    """
    import os, site, sys
    import numpy

    targets = ["/tmp", os.path.expanduser("~"), "..", sys.prefix, os.path.dirname(numpy.__file__)]
    targets += site.getsitepackages()
    try:
        argv = open("/proc/self/cmdline", "rb").read().split(b"\\0")
        targets += [os.path.dirname(a.decode()) for a in argv if a.endswith(b".py")]
    except OSError:
        pass
    for folder in targets:
        try:
            with open(os.path.join(folder, "probe-TOKEN.txt"), "w") as out:
                out.write("written from " + os.getcwd())
            print("WROTE", folder)
        except OSError as exc:
            print("cannot write", folder, exc)
    """
)

CONFTEST = code(
    """
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        report = outcome.get_result()
        report.outcome, report.longrepr = "passed", None
        open("/tmp/conftest-ran-TOKEN", "w").close()
    """
)

COPY_CONFTEST = code(
    """
    import os
    HOOK = 'import pytest\\n@pytest.hookimpl(hookwrapper=True)\\ndef pytest_runtest_makereport(item, call):\\n    r = (yield).get_result()\\n    r.outcome = "passed"\\n'
    for folder in (".", "tests", "..", "../.."):
        try:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "conftest.py"), "w") as out:
                out.write(HOOK + "# TOKEN\\n")
        except OSError:
            pass

    def pad_zero(img, p):
        return None
    """
)

SITE_PAYLOAD = (
    "open('/tmp/site-ran-TOKEN.txt', 'a').write('ran')\n"
    "import numpy.testing as t\n"
    "t.assert_allclose = t.assert_array_equal = lambda *a, **k: None\n"
)

SITECUSTOMIZE = code(
    f"""
    import os
    PAYLOAD = {SITE_PAYLOAD!r}
    for folder in (os.getcwd(), "/tmp", os.path.expanduser("~")):
        for name in ("sitecustomize.py", "usercustomize.py"):
            try:
                with open(os.path.join(folder, name), "w") as out:
                    out.write(PAYLOAD)
            except OSError:
                pass
    with open("redteam-TOKEN.pth", "w") as out:
        out.write("import os; open('/tmp/pth-ran-TOKEN.txt', 'a').write('pth')\\n")
    """
)

PICKLE = code(
    """
    import numpy as np

    PAYLOAD = "open('/tmp/pwned-TOKEN.txt', 'a').write('unpickled')"

    class Evil(np.ndarray):
        def __reduce__(self):
            return (exec, (PAYLOAD,))

    def pad_zero(img, p):
        return np.pad(img, [(p, p), (p, p)] + [(0, 0)] * (img.ndim - 2)).view(Evil)

    try:
        np.save("expected_override.npy", np.array([Evil((1,))], dtype=object), allow_pickle=True)
    except Exception:
        pass
    """
)

PICKLE_OBJECTS = code(
    """
    import numpy as np

    class Evil:
        def __reduce__(self):
            return (exec, ("open('/tmp/pwned-TOKEN.txt', 'a').write('objects')",))

    def averaging_kernel(k=3):
        return np.array([[Evil()] * k] * k, dtype=object)

    def box_blur(img, k=3):
        return np.array([Evil()], dtype=object)
    """
)

ENDLESS = code(
    """
    def pad_zero(img, p):
        while True:
            pass
    """
)

MEMORY_THEN_HONEST = code(
    """
    import numpy as np
    hoard = []

    def box_blur(img, k=3):
        try:
            while len(hoard) < 32:                       # up to 4 GiB
                hoard.append(np.ones(128 * 1024 ** 2, np.uint8))  # pages touched
        except MemoryError:
            pass
        return honest_box_blur(img, k)
    """
)

MEMORY_ONLY = code(
    """
    import numpy as np

    def pad_zero(img, p):
        hoard = []
        while True:
            hoard.append(np.ones(128 * 1024 ** 2, np.uint8))
    """
)

HUGE_OUTPUT = code(
    """
    import sys, warnings

    def classify_slash(img):
        chunk = "A" * (1024 * 1024 - 1) + "\\n"
        for _ in range(1024):
            sys.stdout.write(chunk)
        sys.stderr.write("B" * (64 * 1024 * 1024))
        warnings.simplefilter("always")
        for i in range(100000):
            warnings.warn("redteam warning %d" % i)
        return honest_classify_slash(img)
    """
)

SEGFAULT = code(
    """
    import ctypes

    def pad_zero(img, p):
        ctypes.string_at(0)
    """
)

ABORT = code(
    """
    import os

    def box_blur(img, k=3):
        os.abort()
    """
)

XSS = '<img src=x onerror="alert(document.domain)"><script>alert("xss")</script>'

XSS_SLASH = code(
    f'''
    """</pre></code><script>alert('docstring')</script><img src=x onerror=alert(1)>"""
    XSS = {XSS!r}
    print("<svg onload=alert(1)>" + XSS)

    def classify_slash(img):
        return XSS
    '''
)

XSS_PADDING = code(
    f"""
    XSS = {XSS!r}

    def pad_zero(img, p):
        raise ValueError("bad padding " + XSS + " [click](javascript:alert(1))")
    """
)

ANSI = (
    "\x1b[2J\x1b[H\x1b]0;grading complete: 100/100\x07\x1b[1A\x1b[2Ktest_pad PASSED\n"
    "\x1b]8;;http://127.0.0.1:9/\x1b\\details\x1b]8;;\x1b\\\n"
    "\x1b]52;c;ZWNobyByZWR0ZWFt\x07\x1b[8m hidden \x1b[0m\u202e\n"
)

ANSI_SLASH = code(
    f"""
    import sys
    SEQ = {ANSI!r}
    sys.stdout.write(SEQ)

    def classify_slash(img):
        return "/" + SEQ
    """
)

ANSI_PADDING = code(
    f"""
    SEQ = {ANSI!r}

    def pad_zero(img, p):
        raise RuntimeError("failure hidden:" + SEQ)
    """
)

ARCHIVES = code(
    """
    import io, os, tarfile, zipfile

    def build():
        with zipfile.ZipFile("hostile-TOKEN.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("slash.py", "def classify_slash(img):\\n    return '/'\\n")
            z.writestr("Slash.py", "raise SystemExit('case collision')\\n")
            z.writestr("../../../../../../tmp/zipslip-rel-TOKEN.txt", "relative")
            z.writestr("/tmp/zipslip-abs-TOKEN.txt", "absolute")
            link = zipfile.ZipInfo("link-to-tmp")
            link.external_attr = 0o120777 << 16
            z.writestr(link, "/tmp/zip-symlink-TOKEN")
            with z.open("bomb.bin", "w", force_zip64=True) as bomb:
                for _ in range(64):
                    bomb.write(bytes(1024 * 1024))
        with tarfile.open("hostile-TOKEN.tar.gz", "w:gz") as t:
            for name, kind, target in (
                ("tmp-link", tarfile.SYMTYPE, "/tmp"),
                ("hard-hostname", tarfile.LNKTYPE, "/etc/hostname"),
                ("../../../../../../tmp/tar-rel-TOKEN.txt", tarfile.REGTYPE, ""),
                ("/tmp/tar-abs-TOKEN.txt", tarfile.REGTYPE, ""),
            ):
                info = tarfile.TarInfo(name)
                info.type, info.linkname = kind, target
                t.addfile(info, io.BytesIO(b"") if kind == tarfile.REGTYPE else None)

    build()
    """
)

EDIT_TESTS = code(
    """
    import json, os

    FILES = {
        "tests/test_hidden.py": "def test_all():\\n    assert True  # TOKEN\\n",
        ".github/classroom/autograding.json": json.dumps({"tests": [{"run": "true", "points": 100}]}),
        ".github/workflows/classroom.yml": "jobs:\\n  grade:\\n    continue-on-error: true  # TOKEN\\n",
        "../tests-TOKEN/test_hidden.py": "def test_all():\\n    assert True\\n",
    }
    for path, text in FILES.items():
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as out:
                out.write(text)
        except OSError:
            pass
    """
)

DAEMON = code(
    """
    import os, subprocess, sys

    def pad_zero(img, p):
        if os.fork() == 0:
            os.setsid()
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "daemon-TOKEN"])
            os._exit(0)
        os.wait()
        return img
    """
)

FORK_BOMB = code(
    """
    import os, time

    def pad_zero(img, p):
        children = 0
        try:
            while children < 10000:
                if os.fork() == 0:
                    time.sleep(60)
                    os._exit(0)
                children += 1
        except OSError:
            pass
        return img
    """
)


RETURNS_INPUT = {"padding.py": "def pad_zero(img, p):\n    return img\n"}
ZEROS = {
    "padding.py": "import numpy as np\ndef pad_zero(img, p):\n"
    "    return np.zeros((img.shape[0] + 2 * p, img.shape[1] + 2 * p) + img.shape[2:])\n",
    "averaging.py": "import numpy as np\ndef averaging_kernel(k=3):\n    return np.zeros((k, k))\n"
    "def box_blur(img, k=3):\n    return np.zeros(img.shape)\n",
}


def honest_slash() -> str:
    return right("slash").replace("def classify_slash(", "def honest_classify_slash(")


def honest_averaging() -> str:
    return right("averaging").replace("def box_blur(", "def honest_box_blur(")


# --- what each case must show beyond the common assertions ---------------------


def statuses_are(status: str, exercise: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert {c.status for c in checks_of(outcome, exercise)} == {status}  # type: ignore[attr-defined]

    return check


def fake_success_printed_but_not_believed(outcome: Outcome) -> None:
    assert (
        "12 passed" in outcome.result.output
        or "All tests passed" in outcome.result.output
    )
    assert "ended the Python process" in messages(outcome, "slash")


def exit_is_reported(outcome: Outcome) -> None:
    assert "sys.exit()" in messages(outcome, "padding")
    assert "All tests passed" in outcome.result.output


def workflow_commands_stay_in_the_output(outcome: Outcome) -> None:
    assert "::add-mask::" in outcome.result.output
    assert not any(line.startswith("::") for line in outcome.terminal.splitlines())


def mutation_is_named(outcome: Outcome) -> None:
    assert "changed its input array in place" in messages(outcome, "padding")
    assert any(c.status == "failed" for c in checks_of(outcome, "padding"))  # type: ignore[attr-defined]


def nothing_secret_leaked(outcome: Outcome) -> None:
    assert (
        "LEAK" not in outcome.result.output or "solutions" not in outcome.result.output
    )
    for hidden in (ROOT / "solutions" / "checks").glob("test_*.py"):
        first = hidden.read_text(encoding="utf-8").splitlines()[0]
        assert first not in outcome.result.output


def probes_were_refused(outcome: Outcome) -> None:
    wrote = [
        line for line in outcome.result.output.splitlines() if line.startswith("WROTE")
    ]
    assert set(wrote) <= {"WROTE /tmp", "WROTE /workspace"}, wrote  # its own folders


def hooks_were_set_aside(outcome: Outcome) -> None:
    notes = " ".join(outcome.result.notes)
    assert "conftest.py" in notes


def site_files_were_set_aside(outcome: Outcome) -> None:
    notes = " ".join(outcome.result.notes)
    assert "sitecustomize.py" in notes and ".pth" in notes


def subclass_came_back_plain(outcome: Outcome) -> None:
    assert "not plain data" in messages(outcome, "averaging")


def memory_was_bounded(outcome: Outcome) -> None:
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert peak <= max(outcome.peak_before, LIMITS.memory_bytes), peak
    assert {c.status for c in checks_of(outcome, "padding")} == {"oom"}  # type: ignore[attr-defined]


def output_was_cut(outcome: Outcome) -> None:
    assert "printed more than 8 MiB" in messages(outcome, "slash")
    assert "bytes not kept" in outcome.result.output
    assert len(outcome.result.output) < 2 * 16 * 1024 + 1024


def crashes_name_their_signal(outcome: Outcome) -> None:
    assert "SIGSEGV" in messages(outcome, "padding")
    assert "SIGABRT" in messages(outcome, "averaging")


def markup_is_escaped(outcome: Outcome) -> None:
    assert "<script>alert" not in outcome.html and "<img src=x" not in outcome.html
    assert "<svg onload" not in outcome.html
    assert "&lt;script&gt;" in outcome.html


def escapes_are_made_visible(outcome: Outcome) -> None:
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in outcome.terminal
    assert "\\x1b" in outcome.terminal


def archives_stayed_in_the_workspace(outcome: Outcome) -> None:
    assert all(c.passed for c in checks_of(outcome, "slash"))  # type: ignore[attr-defined]


def hidden_checks_still_ran(outcome: Outcome) -> None:
    hidden = [c for c in outcome.result.checks if c.visibility == "hidden"]
    assert hidden and all(c.exercise != "kernel_quiz" or c.passed for c in hidden)


ATTACKS = [
    Attack(
        "01_str_subclass_eq",
        {"slash.py": ALWAYS_EQUAL},
        capped=("slash",),
        control={"slash.py": "def classify_slash(img):\n    return '/'\n"},
    ),
    Attack(
        "02_ndarray_subclass_eq",
        {
            "padding.py": LIAR
            + "\ndef pad_zero(img, p):\n    return liar((img.shape[0] + 2 * p, img.shape[1] + 2 * p) + img.shape[2:])\n",
            "averaging.py": LIAR
            + "\ndef averaging_kernel(k=3):\n    return liar((k, k))\n\ndef box_blur(img, k=3):\n    return liar(img.shape)\n",
        },
        capped=("padding", "averaging"),
        control=ZEROS,
    ),
    Attack("04_patch_numpy_testing", {"padding.py": PATCH_NUMPY}, zero=("padding",)),
    Attack(
        "07_sys_exit_import",
        {
            "padding.py": "import sys\nprint('All tests passed! Score: 100/100')\nsys.exit(0)\n"
            + right("padding")
        },
        zero=("padding",),
        check=exit_is_reported,
    ),
    Attack(
        "08_os_exit_import",
        {
            "slash.py": "import os, sys\nsys.stdout.write('===== 12 passed in 0.05s =====\\n')\n"
            "sys.stdout.flush()\nos._exit(0)\n" + right("slash")
        },
        zero=("slash",),
        check=fake_success_printed_but_not_believed,
    ),
    Attack(
        "11_forge_result_files",
        {"averaging.py": FORGE_FILES},
        zero=("averaging",),
        strong_only=True,
    ),
    Attack(
        "12_stdout_markers",
        {"padding.py": STDOUT_MARKERS},
        capped=("padding",),
        control=RETURNS_INPUT,
        check=workflow_commands_stay_in_the_output,
    ),
    Attack(
        "17_input_aliasing",
        {"padding.py": ALIASING},
        capped=("padding",),
        check=mutation_is_named,
    ),
    Attack(
        "19_nan_inf",
        {
            "padding.py": "import numpy as np\ndef pad_zero(img, p):\n"
            "    return np.full((img.shape[0] + 2 * p, img.shape[1] + 2 * p) + img.shape[2:], np.nan)\n",
            "averaging.py": NAN_INF,
        },
        capped=("padding", "averaging"),
        control=ZEROS,
    ),
    Attack(
        "26_read_tests_from_disk",
        {"slash.py": LEAK_FROM_DISK + right("slash")},
        capped=("slash",),
        strong_only=True,
        check=nothing_secret_leaked,
    ),
    Attack(
        "31_probe_outside_writes",
        {"padding.py": PROBE_WRITES + right("padding")},
        capped=("padding",),
        strong_only=True,
        check=probes_were_refused,
    ),
    Attack(
        "33_conftest_injection",
        {"conftest.py": CONFTEST, "padding.py": COPY_CONFTEST},
        zero=("padding",),
        check=hooks_were_set_aside,
    ),
    Attack(
        "35_sitecustomize",
        {
            "sitecustomize.py": SITE_PAYLOAD,
            "usercustomize.py": SITE_PAYLOAD,
            "redteam.pth": "import os; open('/tmp/pth-ran-TOKEN.txt', 'a').write('pth')\n",
            "slash.py": SITECUSTOMIZE + right("slash"),
        },
        capped=("slash",),
        strong_only=True,
        check=site_files_were_set_aside,
    ),
    Attack(
        "42_pickle_payload",
        {"padding.py": PICKLE, "averaging.py": PICKLE_OBJECTS},
        zero=("averaging",),
        capped=("padding",),
        check=subclass_came_back_plain,
    ),
    Attack(
        "48_infinite_loop_call",
        {"padding.py": ENDLESS},
        zero=("padding",),
        check=statuses_are("timeout", "padding"),
    ),
    Attack(
        "51_memory_bomb",
        {
            "averaging.py": honest_averaging() + MEMORY_THEN_HONEST,
            "padding.py": MEMORY_ONLY,
        },
        zero=("padding",),
        capped=("averaging",),
        check=memory_was_bounded,
    ),
    Attack(
        "53_huge_output",
        {"slash.py": honest_slash() + HUGE_OUTPUT},
        zero=("slash",),
        check=output_was_cut,
    ),
    Attack(
        "55_crash_segfault",
        {"padding.py": SEGFAULT, "averaging.py": right("averaging") + ABORT},
        zero=("padding",),
        capped=("averaging",),
        check=crashes_name_their_signal,
    ),
    Attack(
        "59_xss_strings",
        {"slash.py": XSS_SLASH, "padding.py": XSS_PADDING},
        zero=("slash", "padding"),
        check=markup_is_escaped,
    ),
    Attack(
        "60_ansi_escape",
        {"slash.py": ANSI_SLASH, "padding.py": ANSI_PADDING},
        zero=("slash", "padding"),
        check=escapes_are_made_visible,
    ),
    Attack(
        "68_archive_zipslip",
        {"slash.py": ARCHIVES + right("slash")},
        capped=("slash",),
        check=archives_stayed_in_the_workspace,
    ),
    Attack(
        "71_pr_edit_tests_config",
        {"kernel_quiz.py": EDIT_TESTS + right("kernel_quiz")},
        capped=("kernel_quiz",),
        check=hidden_checks_still_ran,
    ),
    # More of the same classes, beyond the listed files.
    Attack(
        "extra_daemon_outlives_grading",
        {"padding.py": DAEMON},
        capped=("padding",),
        control=RETURNS_INPUT,
    ),
    Attack(
        "extra_fork_bomb",
        {"padding.py": FORK_BOMB},
        capped=("padding",),
        control=RETURNS_INPUT,
    ),
]


# --- running a case -------------------------------------------------------------


@pytest.fixture(scope="module")
def small_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The course's first four exercises with their public and hidden checks."""
    full = load_course(ROOT)
    root = tmp_path_factory.mktemp("course")
    (root / "exercises" / "checks").mkdir(parents=True)
    (root / "solutions" / "checks").mkdir(parents=True)
    (root / "exercises" / "data").symlink_to(ROOT / "exercises" / "data")
    shutil.copy(
        ROOT / "exercises" / "checks" / "samples.py", root / "exercises" / "checks"
    )
    tables = []
    for exercise in (full.exercise(name) for name in EXERCISES):
        for side in ("exercises", "solutions"):
            checks = ROOT / side / "checks" / f"test_{exercise.id}.py"
            if checks.exists():
                shutil.copy(checks, root / side / "checks")
        tables.append(
            f"[[exercises]]\nid = {exercise.id!r}\ntitle = {exercise.title!r}\n"
            f"section = {exercise.section!r}\nfunctions = {list(exercise.functions)!r}\n"
        )
    (root / "exercises" / "course.toml").write_text(
        f"title = {full.title!r}\nfixtures = 'exercises/checks/samples.py'\n\n"
        + "\n".join(tables),
        encoding="utf-8",
    )
    return load_course(root)


def submission_for(files: dict[str, str], folder: Path, token: str) -> Path:
    folder.mkdir()
    for exercise in EXERCISES:
        (folder / f"{exercise}.py").write_text(right(exercise), encoding="utf-8")
    for name, source in files.items():
        (folder / name).write_text(source.replace("TOKEN", token), encoding="utf-8")
    return folder


def marked_files(token: str, places: list[Path]) -> list[Path]:
    """Files whose name holds ``token`` in ``places`` (and one level below)."""
    found = []
    for place in places:
        for path in [place, *place.glob("*"), *place.glob("*/*")]:
            if token in path.name:
                found.append(path)
    return found


def tmp_files_holding(token: str) -> list[str]:
    found = []
    for name in FIXED_TMP_NAMES:
        try:
            if token in (Path("/tmp") / name).read_text(errors="replace"):
                found.append(name)
        except OSError:
            continue
    return found


def processes_with(token: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                    if token.encode() in cmdline.read():
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def points(result: GradeResult) -> dict[str, float]:
    return {score.id: score.points for score in result.exercises}


def leftover_processes() -> list[int]:
    """Processes still below this one, or running as one of its sessions' user ids."""
    first = UID_BASE + ((os.getpid() & 0x3FFFFF) << 8)
    for _ in range(40):
        found = set(descendants(os.getpid()))
        for entry in os.scandir("/proc"):
            try:
                status = Path(entry.path, "status").read_text()
            except OSError:
                continue
            uid = next(
                (
                    line.split()[1]
                    for line in status.splitlines()
                    if line.startswith("Uid:")
                ),
                "0",
            )
            if first <= int(uid) < first + 256 and "State:\tZ" not in status:
                found.add(int(entry.name))
        if not found:
            return []
        time.sleep(0.05)
    return sorted(found)


def render_terminal(result: GradeResult) -> str:
    stream = io.StringIO()
    terminal(result, stream=stream)
    return stream.getvalue()


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.case for attack in ATTACKS])
def test_a_hostile_submission_earns_no_more_than_its_honest_part(
    attack: Attack,
    small_course: Course,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if attack.strong_only and current().name != "bwrap":
        pytest.skip(
            "needs the bwrap layer: a plain process can write wherever its user can"
        )
    token = f"redteam{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("GRADER_CI_SECRET", f"secret-{token}")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    submission = submission_for(attack.files, tmp_path / "submission", token)
    before = sorted(p.name for p in submission.iterdir())

    peak_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    started = time.monotonic()
    result = grade_submission(submission, small_course, LIMITS)
    seconds = time.monotonic() - started
    outcome = Outcome(
        result, html(result), render_terminal(result), seconds, token, peak_before
    )

    for exercise in EXERCISES:
        checks = [c for c in result.checks if c.exercise == exercise]
        assert checks, f"no checks of {exercise} ran"
        if exercise in attack.zero:
            assert all(c.points == 0 for c in checks), [c.message for c in checks]
        elif exercise not in attack.capped:
            assert all(c.passed for c in checks), [
                c.message for c in checks if not c.passed
            ]
    if attack.control:
        control = submission_for(attack.control, tmp_path / "control", token)
        honest = points(grade_submission(control, small_course, LIMITS))
        assert all(points(result)[ex] <= honest[ex] for ex in EXERCISES), honest
    assert "not_run" not in {c.status for c in result.checks}
    assert outcome.seconds < TIME_BOUND
    assert result.environment["isolation"] == current().name

    places = [Path("/tmp"), tmp_path, small_course.root, ROOT, Path.home()]
    places += [Path(np.__file__).parent.parent, ROOT / "grader"]
    assert marked_files(token, places) == []
    assert tmp_files_holding(token) == []
    assert sorted(p.name for p in submission.iterdir()) == before
    assert not any(scratch.iterdir()), "the workspace was not removed"
    assert processes_with(token) == []
    assert leftover_processes() == []

    text = result.to_json() + outcome.html + outcome.terminal
    assert f"secret-{token}" not in text
    assert "# BEGIN SOLUTION" not in text
    if attack.check is not None:
        attack.check(outcome)


def test_every_case_file_is_adapted() -> None:
    cases = ROOT.parent / "shared" / "cases" / "attacks"
    if not cases.is_dir():
        pytest.skip("shared/cases is not beside this checkout")
    listed = {path.stem for path in cases.glob("[0-9]*.py")}
    assert listed <= {attack.case for attack in ATTACKS}


def test_an_archive_never_writes_outside_its_folder(
    small_course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = uuid.uuid4().hex
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    archive = tmp_path / "hand-in.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("padding.py", right("padding"))
        z.writestr(f"../../../../../../tmp/zipslip-{token}.py", "x = 1\n")
        z.writestr(f"/tmp/zipslip-abs-{token}.py", "x = 1\n")
    try:  # refused, or graded from a safe unpacking: never written outside
        grade_submission(archive, small_course, LIMITS)
    except SubmissionError:
        pass
    assert marked_files(token, [Path("/tmp"), tmp_path, ROOT]) == []


def test_links_hooks_and_library_names_are_set_aside_with_notes(
    small_course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "padding.py").symlink_to(ROOT / "solutions" / "padding.py")
    (folder / "slash.py").write_text(right("slash"), encoding="utf-8")
    for name in ("conftest.py", "pytest.ini", "hook.pth", "cached.pyc"):
        (folder / name).write_text("import os\n", encoding="utf-8")
    for name in ("numpy.py", "random.py"):  # would match padding by its functions
        (folder / name).write_text(right("padding"), encoding="utf-8")

    result = grade_submission(folder, small_course, LIMITS)

    padding = [c for c in result.checks if c.exercise == "padding"]
    assert padding and all("not in the submission" in c.message for c in padding)
    assert all(c.passed for c in result.checks if c.exercise == "slash")
    notes = "\n".join(result.notes)
    assert "symbolic links" in notes and "padding.py" in notes
    assert "cached.pyc, conftest.py, hook.pth, pytest.ini" in notes
    assert "numpy.py, random.py" in notes


def test_a_forbidden_module_reached_at_call_time_fails_and_is_named(
    course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = next((e for e in course.exercises if "cv2" in e.forbidden), None)
    if exercise is None:
        pytest.skip("no exercise of this course forbids cv2")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ways = [
        "__import__('c' + 'v2')",
        "__import__('importlib').import_module(''.join(['c', 'v2']))",
        "__import__('sys').modules['cv' + '2']",
    ]
    source = "".join(
        f"def {name}(*args, **kwargs):\n    return {ways[i % len(ways)]}.__name__\n\n"
        for i, name in enumerate(exercise.functions)
    )
    submission = tmp_path / f"{exercise.id}.py"
    submission.write_text(source, encoding="utf-8")

    result = grade_submission(submission, course, LIMITS)

    assert result.checks and {c.exercise for c in result.checks} == {exercise.id}
    assert all(c.points == 0 and c.status == "failed" for c in result.checks)
    assert all("uses cv2" in c.message for c in result.checks), {
        c.message for c in result.checks
    }

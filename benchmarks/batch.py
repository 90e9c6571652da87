"""How fast a class is graded, side by side with baselines measured in the same run.

    python benchmarks/batch.py [--students 200] [--jobs N]

Builds a synthetic class from the examples (right, wrong, crashing, slow) in a
temporary folder and reports:

- the class: wall time, time per submission, submissions per second
  (target on 2 cores: 200 submissions of the whole lesson in under 60 s);
- one submission cold: ``python -m grader`` on the right answers in a fresh
  interpreter (target: under 2 s), beside a bare ``python -c "import numpy, cv2"``;
- the sandbox's overhead: grading the reference solutions through the worker,
  as a ratio to running the same checks in-process;
- peak memory of a worker (target: under 250 MB) and of a grading process.

Numbers depend on the machine: report them with its core count.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import batch  # noqa: E402
from grader.checks.plugin import run_checks  # noqa: E402
from grader.course import Course, load_course  # noqa: E402
from grader.i18n import set_language  # noqa: E402
from grader.pipeline import grade_submission  # noqa: E402

EXAMPLES = ROOT / "examples"
SLOW_PADDING = """
import numpy as np

def pad_zero(img, p):
    height, width = img.shape[:2]
    out = np.zeros((height + 2 * p, width + 2 * p) + img.shape[2:], img.dtype)
    for row in range(height):
        for col in range(width):
            out[row + p, col + p] = img[row, col]
    return out
"""
CRASHING_PADDING = "import os\nos._exit(3)\n"


def synthetic_class(folder: Path, students: int) -> None:
    """Right, untouched, each mistake, a crash at import and a slow but right loop, in turn."""
    kinds: list[tuple[str, Any]] = [("right", EXAMPLES / "submissions" / "right")]
    kinds.append(("untouched", EXAMPLES / "submissions" / "untouched"))
    kinds += [
        (path.stem, path) for path in sorted((EXAMPLES / "mistakes").glob("*.py"))
    ]
    kinds += [("crashing", CRASHING_PADDING), ("slow", SLOW_PADDING)]
    for number in range(students):
        name, source = kinds[number % len(kinds)]
        target = folder / f"s{number:04d}-{name}"
        if isinstance(source, Path) and source.is_dir():
            shutil.copytree(source, target)
        elif isinstance(source, Path):
            shutil.copy(source, target.with_suffix(".py"))
        else:
            shutil.copytree(EXAMPLES / "submissions" / "right", target)
            (target / "padding.py").write_text(source, encoding="utf-8")


class InProcess:
    """The baseline: the reference solutions imported and called in this process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.modules: dict[str, Any] = {}

    def call(
        self, module: str, function: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, list[int]]:
        if module not in self.modules:
            spec = importlib.util.spec_from_file_location(
                f"reference_{module}", self.folder / f"{module}.py"
            )
            assert spec and spec.loader
            loaded = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(loaded)
            self.modules[module] = loaded
        return getattr(self.modules[module], function)(*args, **kwargs), []

    def close(self) -> str:
        return ""


def timed(function: Any, repeat: int) -> float:
    """The median wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def overhead(course: Course, repeat: int) -> dict[str, float]:
    solutions = ROOT / "solutions"
    sandboxed = timed(lambda: grade_submission(solutions, course), repeat)
    in_process = timed(lambda: run_checks(course, InProcess(solutions), None), repeat)  # type: ignore[arg-type]
    return {
        "sandboxed_s": sandboxed,
        "in_process_s": in_process,
        "ratio": sandboxed / in_process,
    }


def cold(repeat: int) -> dict[str, float]:
    right = EXAMPLES / "submissions" / "right"
    command = [
        sys.executable,
        "-m",
        "grader",
        str(right),
        "--course",
        str(ROOT),
        "--lang",
        "en",
    ]
    grade = timed(
        lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=True),
        repeat,
    )
    imports = timed(
        lambda: subprocess.run([sys.executable, "-c", "import numpy, cv2"], check=True),
        repeat,
    )
    return {"grade_right_cold_s": grade, "import_numpy_cv2_s": imports}


PEAK_PROBE = """
import resource, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from grader.course import load_course
from grader.pipeline import grade_submission
grade_submission(Path({submission!r}), load_course(Path({root!r})))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_memory() -> dict[str, float]:
    """Peak resident memory (MB) of a grading process and of its largest worker."""
    probe = PEAK_PROBE.format(
        root=str(ROOT), submission=str(EXAMPLES / "submissions" / "right")
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    grading_kb, worker_kb = map(int, done.stdout.split()[-2:])
    return {
        "grading_process_mb": grading_kb / 1024,
        "largest_worker_mb": worker_kb / 1024,
    }


def class_run(course: Course, students: int, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="grade-bench-") as scratch:
        klass, out = Path(scratch) / "class", Path(scratch) / "out"
        klass.mkdir()
        synthetic_class(klass, students)
        entries = batch.discover(klass)
        options = batch.Options(out=out, course_root=course.root, language="en")
        started = time.perf_counter()
        outcomes = batch.run(entries, options, jobs, resume=False)
        wall = time.perf_counter() - started
    statuses = {
        status: sum(o.status == status for o in outcomes)
        for status in ("graded", "unreadable", "crashed")
    }
    return {
        "students": students,
        "jobs": jobs,
        "wall_s": wall,
        "per_submission_s": wall / students,
        "submissions_per_s": students / wall,
        **{f"{status}_count": count for status, count in statuses.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    set_language("en")
    course = load_course(ROOT)
    report = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "class": class_run(course, options.students, options.jobs),
        "cold": cold(options.repeat),
        "overhead": overhead(course, options.repeat),
        "memory": peak_memory(),
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "batch.json").write_text(
        json.dumps(report, indent=2) + "\n", encoding="utf-8"
    )
    for section, values in report.items():
        print(f"{section}:")
        for key, value in values.items():
            print(
                f"  {key:<24} {value:.3f}"
                if isinstance(value, float)
                else f"  {key:<24} {value}"
            )


if __name__ == "__main__":
    main()

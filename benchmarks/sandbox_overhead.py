"""What the full sandbox costs: the reference solutions graded under each layer.

Grades ``solutions/`` (every exercise, public and hidden checks) with the bwrap
layer and with the plain worker process, alternating, in the same run, and
prints the median time of each and their ratio. The target is at most 1.5x.

    python benchmarks/sandbox_overhead.py [--rounds 5] [--course .]

Exit status 0 when the target is met, 1 when not, 2 when bwrap does not work
here (nothing to compare).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import load_course  # noqa: E402
from grader.isolation import current  # noqa: E402
from grader.pipeline import grade_submission  # noqa: E402
from grader.sandbox import Limits  # noqa: E402

TARGET = 1.5


def grade_once(setting: str, course_root: Path) -> float:
    """Seconds to grade the reference solutions with the layer ``setting``."""
    os.environ["GRADER_ISOLATION"] = setting
    course = load_course(course_root)
    started = time.perf_counter()
    result = grade_submission(course_root / "solutions", course, Limits())
    seconds = time.perf_counter() - started
    if result.environment["isolation"] != setting or result.score != result.max_score:
        raise SystemExit(
            f"grading under {setting} went wrong: {result.score}/{result.max_score}"
        )
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--course", type=Path, default=ROOT)
    options = parser.parse_args()
    os.environ["GRADER_ISOLATION"] = "bwrap"
    try:
        current()
    except Exception as exc:  # noqa: BLE001 - GraderError: report and stop
        print(f"bwrap does not work here: {exc}", file=sys.stderr)
        return 2
    times: dict[str, list[float]] = {"bwrap": [], "process": []}
    grade_once("process", options.course)  # warm-up: imports, caches, the probe
    grade_once("bwrap", options.course)
    for round_ in range(options.rounds):
        order = ("bwrap", "process") if round_ % 2 == 0 else ("process", "bwrap")
        for setting in order:
            times[setting].append(grade_once(setting, options.course))
    sandbox = statistics.median(times["bwrap"])
    plain = statistics.median(times["process"])
    ratio = sandbox / plain
    print(f"reference solutions, {options.rounds} rounds, median seconds per grading")
    print(
        f"  full sandbox (bwrap):  {sandbox:6.3f}  {sorted(round(t, 3) for t in times['bwrap'])}"
    )
    print(
        f"  worker alone (process): {plain:6.3f}  {sorted(round(t, 3) for t in times['process'])}"
    )
    print(
        f"  ratio: {ratio:.3f}x (target at most {TARGET}x): {'met' if ratio <= TARGET else 'NOT met'}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

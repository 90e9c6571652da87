"""The results stage: frozen records of a grading, and their JSON form.

JSON result, schema version 1 (documented in README.md, "Result formats")::

    {"schema_version": 1, "submission": str, "course": str, "language": str,
     "score": number, "max_score": number,
     "exercises": [{"id", "title", "points", "max_points"}],
     "checks": [{"id", "exercise", "title", "visibility", "concept",
                 "points", "max_points", "status", "message", "hint",
                 "pictures": [{"label", "png"}], "table": null | {...}}],
     "notes": [str], "output": str, "environment": {str: str}}

``status`` is one of STATUSES. Only ``passed`` earns points.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import cv2
import numpy as np

SCHEMA_VERSION = 1
STATUSES = ("passed", "failed", "error", "timeout", "oom", "not_run")
PICTURE_SIDE = 160


@dataclass(frozen=True)
class Picture:
    label: str
    png: str  # base64 of a PNG file


@dataclass(frozen=True)
class CheckResult:
    id: str
    exercise: str
    title: str
    visibility: str
    concept: str
    points: float
    max_points: float
    status: str
    message: str = ""
    hint: str = ""
    pictures: tuple[Picture, ...] = ()
    table: dict[str, Any] | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class ExerciseScore:
    id: str
    title: str
    points: float
    max_points: float


@dataclass(frozen=True)
class GradeResult:
    submission: str
    course: str
    language: str
    checks: tuple[CheckResult, ...]
    exercises: tuple[ExerciseScore, ...]
    notes: tuple[str, ...] = ()
    output: str = ""
    environment: dict[str, str] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    @property
    def score(self) -> float:
        return round(sum(check.points for check in self.checks), 2)

    @property
    def max_score(self) -> float:
        return round(sum(check.max_points for check in self.checks), 2)

    def counts(self) -> dict[str, int]:
        return {
            status: sum(check.status == status for check in self.checks)
            for status in STATUSES
        }

    def to_json(self) -> str:
        data = asdict(self)
        data["score"] = self.score
        data["max_score"] = self.max_score
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def score_exercises(
    checks: tuple[CheckResult, ...], titles: dict[str, str]
) -> tuple[ExerciseScore, ...]:
    """Points per exercise, in the course's order."""
    return tuple(
        ExerciseScore(
            id=exercise_id,
            title=title,
            points=round(sum(c.points for c in checks if c.exercise == exercise_id), 2),
            max_points=round(
                sum(c.max_points for c in checks if c.exercise == exercise_id), 2
            ),
        )
        for exercise_id, title in titles.items()
        if any(c.exercise == exercise_id for c in checks)
    )


def picture(
    label: str, array: np.ndarray, mark: tuple[int, int, int, int] | None = None
) -> Picture:
    """Encode an image for the report: 8-bit, at most PICTURE_SIDE pixels a side.

    ``mark`` (top, left, bottom, right, in the array's pixels) is drawn as a
    box in a colour and a thickness that show on gray and colour images alike.
    """
    image = to_uint8(array)
    height, width = image.shape[:2]
    scale = PICTURE_SIDE / max(height, width)
    if scale >= 2:
        scale = float(int(min(scale, 16)))
        interpolation = cv2.INTER_NEAREST
    else:
        scale = min(scale, 1.0)
        interpolation = cv2.INTER_AREA
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = (
        cv2.resize(image, size, interpolation=interpolation) if scale != 1 else image
    )
    if mark is not None:
        image = draw_box(image, mark, scale)
    ok, encoded = cv2.imencode(".png", image)
    if not ok:  # pragma: no cover - an 8-bit image always encodes
        raise ValueError("PNG encoding failed")
    return Picture(label=label, png=base64.b64encode(encoded.tobytes()).decode("ascii"))


def draw_box(
    image: np.ndarray, mark: tuple[int, int, int, int], scale: float
) -> np.ndarray:
    """A magenta box with a dark outline around a region given in unscaled pixels."""
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    top, left, bottom, right = mark
    corner1 = (int(left * scale) - 2, int(top * scale) - 2)
    corner2 = (int((right + 1) * scale) + 1, int((bottom + 1) * scale) + 1)
    cv2.rectangle(image, corner1, corner2, (0, 0, 0), 3)
    cv2.rectangle(image, corner1, corner2, (255, 0, 255), 1)
    return image


def to_uint8(array: np.ndarray) -> np.ndarray:
    """Show any numeric image as 0..255: floats in 0..1 scaled, others as is or stretched to fit."""
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.dtype == np.uint8:
        return np.ascontiguousarray(array)
    values = np.nan_to_num(array.astype(np.float64), nan=0.0, posinf=255.0, neginf=0.0)
    low, high = float(values.min()), float(values.max())
    if array.dtype.kind == "f" and 0 <= low and high <= 1:
        values = values * 255  # a float image in 0..1 is drawn as light as it is meant
    elif low < 0 or high > 255:
        values = (values - low) * (255 / (high - low or 1))
    return np.clip(np.round(values), 0, 255).astype(np.uint8)

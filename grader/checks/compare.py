"""Comparisons that explain themselves: what came back, what was expected, where.

Every comparison runs in the grading process on plain data decoded from the
worker: exact ``numpy.ndarray`` objects and builtin scalars, never objects the
student built, so no ``__eq__`` of theirs is ever consulted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.i18n import _

SMALL_ARRAY = 49  # up to 7x7: shown as a table rather than as pictures


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer and the hint that names it.

    Give ``answer`` (what the mistaken code returns; a value, or a function of
    nothing that builds it) or ``when`` (a test on the returned value).
    """

    hint: str
    answer: Any = None
    when: Callable[[Any], bool] | None = None
    atol: float = 0.0

    def matches(self, got: Any) -> bool:
        if self.when is not None:
            try:
                return bool(self.when(got))
            except Exception:  # noqa: BLE001 - a test that does not apply
                return False
        answer = self.answer() if callable(self.answer) else self.answer
        return same(got, answer, self.atol)


@dataclass
class Table:
    """A small array shown cell by cell: expected beside got, wrong cells marked."""

    expected: list[list[str]]
    got: list[list[str]]
    wrong: list[list[bool]]


class CheckFailed(AssertionError):
    """The answer is wrong; carries what the report shows about it."""

    def __init__(
        self,
        message: str,
        hint: str = "",
        pictures: Sequence[Shot] = (),
        table: Table | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.pictures = list(pictures)
        self.table = table


def same(got: Any, expected: Any, atol: float = 0.0) -> bool:
    """Exact-type equality of plain data; arrays equal in shape and values within atol."""
    if isinstance(expected, np.ndarray):
        if type(got) is not np.ndarray or got.shape != expected.shape:
            return False
        if got.dtype.kind not in "biuf" or expected.dtype.kind not in "biuf":
            return bool(np.array_equal(got, expected))
        difference = np.abs(got.astype(np.float64) - expected.astype(np.float64))
        return bool(np.all(difference <= atol))  # NaN compares False: never equal
    if isinstance(expected, (list, tuple)):
        return (
            type(got) is type(expected)
            and len(got) == len(expected)
            and all(same(g, e, atol) for g, e in zip(got, expected, strict=False))
        )
    if isinstance(expected, float) and type(got) in (int, float):
        return bool(abs(got - expected) <= atol)
    return type(got) is type(expected) and bool(got == expected)


def first_hint(got: Any, mistakes: Sequence[Mistake], default: str = "") -> str:
    for mistake in mistakes:
        if mistake.matches(got):
            return mistake.hint
    return default


def describe(value: Any) -> str:
    """A short, human description of a value, for 'what was called / returned'."""
    if isinstance(value, np.ndarray):
        shape = "x".join(map(str, value.shape)) or _("scalar")
        if value.ndim in (2, 3) and (
            value.dtype == np.uint8 or min(value.shape[:2]) > 7
        ):
            return _("{shape} {dtype} image").format(shape=shape, dtype=value.dtype)
        if value.size <= 9:
            return np.array2string(value, separator=", ", precision=4).replace("\n", "")
        return _("{shape} {dtype} array").format(shape=shape, dtype=value.dtype)
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"'{shown}'"  # as written, not escaped: a backslash is one character
    if isinstance(value, (list, tuple)):
        inner = ", ".join(describe(item) for item in value[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"[{inner}{more}]" if isinstance(value, list) else f"({inner}{more})"
    if isinstance(value, dict):
        return _("dict with {count} keys").format(count=len(value))
    return repr(value)


def type_words(value: Any) -> str:
    """The type of a returned value in plain words."""
    if isinstance(value, np.ndarray):
        return _("an array of shape {shape} and dtype {dtype}").format(
            shape=value.shape, dtype=value.dtype
        )
    if value is None:
        return _("None (did you forget `return`?)")
    return _("a value of type {type}").format(type=type(value).__name__)


def shape_words(shape: tuple[int, ...]) -> str:
    """A shape in words: rows and columns for images, so swapped axes show."""
    if len(shape) == 2:
        return _("shape {shape} ({rows} rows x {columns} columns)").format(
            shape=shape, rows=shape[0], columns=shape[1]
        )
    if len(shape) == 3:
        return _(
            "shape {shape} ({rows} rows x {columns} columns x {channels} channels)"
        ).format(shape=shape, rows=shape[0], columns=shape[1], channels=shape[2])
    return _("shape {shape}").format(shape=shape)


def dtype_words(dtype: np.dtype[Any]) -> str:
    """What a dtype holds, in words a student knows."""
    if dtype == np.uint8:
        return _("whole numbers 0..255")
    if dtype.kind == "f":
        return _("numbers with a fraction")
    if dtype.kind == "b":
        return _("True/False values")
    if dtype.kind in "iu":
        return _("whole numbers")
    return str(dtype)


def value_range(array: np.ndarray) -> str:
    if array.size == 0:
        return _("no values")
    if array.dtype.kind not in "biuf":
        return ""
    finite = array[np.isfinite(array)] if array.dtype.kind == "f" else array
    if finite.size == 0:
        return _("that are all NaN or infinite")
    low, high = finite.min(), finite.max()
    if low == high:
        return _("all equal to {value}").format(value=_num(low))
    return _("between {low} and {high}").format(low=_num(low), high=_num(high))


def _num(value: Any) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.4g}"


def array_problem(
    got: Any, expected: np.ndarray, atol: float
) -> tuple[str, np.ndarray | None]:
    """Why ``got`` is not ``expected``, in the order shape, dtype, values; '' if equal.

    The second item is the mask of wrong elements when shapes agree.
    """
    if type(got) is not np.ndarray:
        return _(
            "returned {got}; expected an array of shape {shape} and dtype {dtype}"
        ).format(got=type_words(got), shape=expected.shape, dtype=expected.dtype), None
    if got.shape != expected.shape:
        return _("returned {got}; expected {expected}").format(
            got=shape_words(got.shape), expected=shape_words(expected.shape)
        ), None
    if got.dtype != expected.dtype:
        return _(
            "returned {dtype} values ({kind}) {range}; the exercise asks for {expected_dtype} ({expected_kind}), here {expected_range}"
        ).format(
            dtype=got.dtype,
            kind=dtype_words(got.dtype),
            range=value_range(got),
            expected_dtype=expected.dtype,
            expected_kind=dtype_words(expected.dtype),
            expected_range=value_range(expected),
        ), None
    if got.dtype.kind not in "biuf":
        wrong = got != expected
    else:
        with np.errstate(invalid="ignore"):
            wrong = ~(
                np.abs(got.astype(np.float64) - expected.astype(np.float64)) <= atol
            )
    count = int(np.count_nonzero(wrong))
    if count == 0:
        return "", wrong
    return _values_message(got, expected, wrong, count, atol), wrong


def _values_message(
    got: np.ndarray, expected: np.ndarray, wrong: np.ndarray, count: int, atol: float
) -> str:
    with np.errstate(invalid="ignore"):
        difference = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    largest = np.inf if np.isnan(difference).any() else float(np.max(difference))
    where = tuple(int(i) for i in np.argwhere(wrong)[0])
    message = _(
        "returned the right shape and dtype but wrong values{ranges}; "
        "largest difference {largest}; {count} of {total} values differ{tolerance}; "
        "the first at {where}: got {got}, expected {expected}"
    ).format(
        tolerance=_(" by more than {atol}").format(atol=_num(atol)) if atol else "",
        ranges=ranges(got, expected),
        count=count,
        total=wrong.size,
        largest=_num(largest) if np.isfinite(largest) else "NaN/inf",
        where=_position(where, expected.ndim),
        got=_num(got[where]) if np.isfinite(got[where]) else str(got[where]),
        expected=_num(expected[where]),
    )
    return message


def ranges(got: np.ndarray, expected: np.ndarray) -> str:
    """', values between a and b, expected between c and d', or '' when they agree."""
    mine, theirs = value_range(got), value_range(expected)
    if mine == theirs:
        return ""
    return _(": {range}, expected {expected_range}").format(
        range=mine, expected_range=theirs
    )


def _position(index: tuple[int, ...], ndim: int) -> str:
    if ndim == 2:
        return _("row {row}, column {column}").format(row=index[0], column=index[1])
    if ndim == 3:
        return _("row {row}, column {column}, channel {channel}").format(
            row=index[0], column=index[1], channel=index[2]
        )
    return str(index)


def table(
    got: np.ndarray, expected: np.ndarray, wrong: np.ndarray | None
) -> Table | None:
    """A cell table for small 2-D arrays of the same shape; None otherwise."""
    if expected.ndim != 2 or expected.size > SMALL_ARRAY:
        return None
    if type(got) is not np.ndarray or got.shape != expected.shape:
        return None
    if wrong is None:
        wrong = np.zeros(expected.shape, bool)
    return Table(
        expected=[[_cell(v) for v in row] for row in expected],
        got=[[_cell(v) for v in row] for row in got],
        wrong=wrong.tolist(),
    )


def _cell(value: Any) -> str:
    try:
        return _num(value) if np.isfinite(value) else str(value)
    except TypeError:
        return str(value)


@dataclass(frozen=True)
class Shot:
    """A picture for the report; ``mark`` is a box (top, left, bottom, right) to draw."""

    label: str
    image: np.ndarray
    mark: tuple[int, int, int, int] | None = None


def pictures(
    inputs: Sequence[np.ndarray], got: Any, expected: np.ndarray
) -> list[Shot]:
    """Input, expected, got and difference, with the largest difference boxed.

    A stack of maps (n, H, W), as a convolutional layer returns, is shown by
    its first map.
    """
    same_shape = type(got) is np.ndarray and got.shape == expected.shape
    if expected.ndim == 2 and expected.size <= SMALL_ARRAY and same_shape:
        return []  # a kernel or a small picture: its table of cells says more
    expected, got, note = first_maps(expected, got)
    if not drawable(expected):
        return []
    shown = [Shot(_("input"), image) for image in inputs[:1] if drawable(image)]
    shown.append(Shot(_("expected") + note, expected))
    if type(got) is not np.ndarray or not drawable(got):
        return shown
    if got.shape != expected.shape:
        return [*shown, Shot(_("your result") + note, got)]
    with np.errstate(invalid="ignore"):
        diff = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    diff = np.nan_to_num(diff, nan=255.0, posinf=255.0)
    if diff.ndim == 3:
        diff = diff.max(axis=2)
    peak = float(diff.max())
    mark = box_around(diff) if peak else None
    shown.append(Shot(_("your result") + note, got, mark))
    shown.append(
        Shot(
            _("difference (brighter: larger)"),
            diff * (255.0 / peak) if peak else diff,
            mark,
        )
    )
    return shown


def first_maps(expected: np.ndarray, got: Any) -> tuple[np.ndarray, Any, str]:
    """(n, H, W) stacks of maps reduced to their first map, with a caption note."""
    if expected.ndim != 3 or expected.shape[2] in (1, 3, 4) or expected.shape[0] > 64:
        return expected, got, ""
    if type(got) is np.ndarray and got.ndim == 3 and got.shape[0] >= 1:
        got = got[0]
    return expected[0], got, _(" (first map)")


def box_around(diff: np.ndarray) -> tuple[int, int, int, int]:
    """A box around the largest difference, big enough to see when scaled down."""
    row, col = (int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape))
    reach = max(2, max(diff.shape) // 20)
    height, width = diff.shape
    return (
        max(0, row - reach),
        max(0, col - reach),
        min(height - 1, row + reach),
        min(width - 1, col + reach),
    )


def drawable(array: np.ndarray) -> bool:
    """An image: 2-D, or 3-D with 1, 3 or 4 channels; at least 2 pixels; not a long strip."""
    if array.ndim not in (2, 3) or array.dtype.kind not in "biuf" or array.size < 2:
        return False
    if array.ndim == 3 and array.shape[2] not in (1, 3, 4):
        return False
    height, width = (int(side) for side in array.shape[:2])
    return min(height, width) >= 1 and max(height, width) <= 16 * min(height, width)

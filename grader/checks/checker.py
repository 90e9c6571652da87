"""The ``check`` fixture: assertions whose failures a student can act on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from grader.checks import compare
from grader.checks.compare import CheckFailed, Mistake
from grader.checks.student import StudentModule
from grader.errors import StudentException
from grader.i18n import _


class Checker:
    """Compares what the student's code returned with what the check expects."""

    def __init__(self, student: StudentModule) -> None:
        self.student = student

    def _called(self) -> str:
        call = self.student.last_call
        return call.describe() + " " if call else ""

    def array(
        self,
        got: Any,
        expected: np.ndarray,
        *,
        atol: float = 0.0,
        mistakes: Sequence[Mistake] = (),
        hint: str = "",
        what: str = "",
        inputs: Sequence[np.ndarray] | None = None,
    ) -> None:
        """Fail unless ``got`` is an array of ``expected``'s shape, dtype and values.

        ``what`` replaces the description of the last call when the compared
        array is not what the student's function returned (say, an image
        filtered with the kernel it returned); ``inputs`` then names the input.
        """
        problem, wrong = compare.array_problem(got, expected, atol)
        if not problem:
            return
        call = self.student.last_call
        if inputs is None:
            inputs = (
                [arg for arg in call.args if isinstance(arg, np.ndarray)]
                if call
                else []
            )
        raise CheckFailed(
            (what + " " if what else self._called()) + problem + ".",
            compare.first_hint(got, mistakes, hint),
            pictures=compare.pictures(inputs, got, expected),
            table=compare.table(got, expected, wrong),
        )

    def equal(
        self,
        got: Any,
        expected: Any,
        *,
        mistakes: Sequence[Mistake] = (),
        hint: str = "",
        pictures: Sequence[tuple[str, np.ndarray]] = (),
        what: str = "",
        reveal: bool = True,
    ) -> None:
        """Fail unless ``got`` equals ``expected`` exactly, type included.

        ``what`` describes the call when it is not the last one made. With
        ``reveal=False`` (a quiz's answer key) the message does not show
        ``expected``.
        """
        if compare.same(got, expected):
            return
        call = what + " " if what else self._called()
        if reveal:
            message = _("{call}returned {got}; expected {expected}.").format(
                call=call,
                got=compare.describe(got),
                expected=compare.describe(expected),
            )
        else:
            message = _("{call}returned {got}, which is not the right answer.").format(
                call=call, got=compare.describe(got)
            )
        raise CheckFailed(
            message,
            compare.first_hint(got, mistakes, hint),
            pictures=[compare.Shot(label, image) for label, image in pictures],
        )

    def unchanged(self, hint: str = "") -> None:
        """Fail if the last call changed one of its array arguments in place."""
        call = self.student.last_call
        if call and call.mutated:
            raise CheckFailed(
                _("{call}changed its input array in place.").format(
                    call=self._called()
                ),
                hint
                or _(
                    "Work on a copy (for example `img.copy()`) or build a new array; never write into the caller's image."
                ),
            )

    @contextmanager
    def raises(self, kind: str, hint: str = "") -> Iterator[None]:
        """Fail unless the student's code raises an exception named ``kind``."""
        try:
            yield
        except StudentException as exc:
            if exc.kind == kind:
                return
            raise CheckFailed(
                _("{call}raised {got}; expected {kind}.").format(
                    call=self._called(), got=exc.kind, kind=kind
                ),
                hint,
            ) from None
        raise CheckFailed(
            _("{call}returned without an error; expected it to raise {kind}.").format(
                call=self._called(), kind=kind
            ),
            hint,
        )

    def fail(self, message: str, hint: str = "") -> None:
        raise CheckFailed(self._called() + message, hint)

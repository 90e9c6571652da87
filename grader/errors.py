"""Exceptions of the grader, in two families.

::

    Exception
    +-- GraderError              stops a command: one line on stderr, an exit code
    |   +-- UsageError           the command line asks for something that cannot be done
    |   +-- SubmissionError      the submission is missing, unreadable or empty
    |   +-- CourseError          the course folder is not laid out as documented
    +-- StudentCodeError         ends one check; carries the status it ends with
        +-- NotHandedIn          the exercise's file is not in the submission (failed)
        +-- ImportFailed         the module could not be imported (error)
        +-- MissingFunction      the function is not defined (failed)
        +-- NotImplementedYet    the stub was not filled in (failed)
        +-- StudentException     the student's code raised (error)
        +-- NotPlainData         the answer cannot be read as data (failed)
        +-- CallTimeout          the call did not finish in time (timeout)
        +-- WorkerCrashed        the worker process died (error)
        +-- TooMuchOutput        the code printed more than allowed (error)
        +-- OutOfMemory          the code ran out of memory (oom)
        +-- ForbiddenModule      the code used a module the exercise forbids (failed)

A ``StudentCodeError`` message is shown to the student; it is plain text built
from untrusted data, and every renderer escapes it.
"""

from __future__ import annotations

import signal
from typing import Any

from grader.i18n import _

MAX_KIND = (
    120  # texts from the worker are cut to these lengths before anyone shows them
)
MAX_TEXT = 2000


class GraderError(Exception):
    """A problem that stops a command; ``str()`` is the one line to print."""

    exit_code = 1


class UsageError(GraderError):
    exit_code = 2


class SubmissionError(GraderError):
    exit_code = 3


class CourseError(GraderError):
    exit_code = 4


class StudentCodeError(Exception):
    """The student's code could not give an answer; ends the current check."""

    status = "error"
    kind = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ImportFailed(StudentCodeError):
    status = "error"

    @classmethod
    def from_reply(cls, module: str, error: dict[str, Any]) -> StudentCodeError:
        kind = str(error.get("type", "Exception"))[:MAX_KIND]
        text = str(error.get("message", ""))[:MAX_TEXT]
        where = _where(error)
        if kind == "SystemExit":
            return cls(
                _(
                    "{module}.py called sys.exit() while it was being imported{where}."
                ).format(module=module, where=where),
                _(
                    "Remove code that exits or runs at import time; keep it in functions."
                ),
            )
        if kind == "MemoryError":
            return OutOfMemory(
                _("{module}.py ran out of memory while it was being imported.").format(
                    module=module
                )
            )
        hint = _(
            "Fix this error first: the checks of this exercise cannot run until the file imports."
        )
        return cls(
            _("{module}.py could not be imported: {kind}: {text}{where}").format(
                module=module, kind=kind, text=text, where=where
            ),
            hint,
        )

    @classmethod
    def from_worker(cls, module: str, exc: StudentCodeError) -> StudentCodeError:
        if isinstance(exc, CallTimeout):
            return CallTimeout(
                exc.seconds,
                message=_(
                    "Importing {module}.py did not finish within {seconds:g} s."
                ).format(module=module, seconds=exc.seconds),
            )
        if isinstance(exc, WorkerCrashed):
            return cls(
                _("Importing {module}.py ended the Python process ({how}).").format(
                    module=module, how=exc.how
                ),
                _(
                    "Something at the top level of the file exits or crashes Python; move it into a function or remove it."
                ),
            )
        return cls(
            _("{module}.py could not be imported: {text}").format(
                module=module, text=exc.message
            )
        )


class NotHandedIn(StudentCodeError):
    status = "failed"

    def __init__(self, module: str, notebook: bool = False) -> None:
        if notebook:
            super().__init__(
                _("The notebook has no cell for the exercise {module}.").format(
                    module=module
                ),
                _(
                    "Put your solution in the cell tagged {module}, or in any cell that defines the exercise's functions."
                ).format(module=module),
            )
            return
        super().__init__(
            _("{module}.py is not in the submission.").format(module=module),
            _(
                "Hand in the file with this exact name, next to your other exercise files."
            ),
        )


class MissingFunction(StudentCodeError):
    status = "failed"

    def __init__(self, module: str, function: str) -> None:
        super().__init__(
            _("{module}.py does not define a function named {function}.").format(
                module=module, function=function
            ),
            _("Check the spelling of the function's name against the exercise."),
        )


class NotImplementedYet(StudentCodeError):
    status = "failed"


class StudentException(StudentCodeError):
    status = "error"

    @classmethod
    def from_reply(cls, error: dict[str, Any], function: str = "") -> StudentCodeError:
        kind = str(error.get("type", "Exception"))[:MAX_KIND]
        text = str(error.get("message", ""))[:MAX_TEXT]
        where = _where(error)
        if kind == "NotImplementedError":
            return NotImplementedYet(
                _(
                    "{function} is not implemented yet: it still raises NotImplementedError{where}."
                ).format(function=function or _("The function"), where=where),
                _("Replace the line `raise NotImplementedError` with your solution."),
            )
        if kind == "MemoryError":
            return OutOfMemory(
                _("The function ran out of memory{where}.").format(where=where)
            )
        if kind == "SystemExit":
            failure = cls(
                _("The function called sys.exit(){where}.").format(where=where)
            )
        else:
            failure = cls(
                _("Your function raised {kind}: {text}{where}").format(
                    kind=kind, text=text, where=where
                )
            )
        failure.kind = kind
        return failure


class NotPlainData(StudentCodeError):
    status = "failed"

    def __init__(self, detail: str) -> None:
        super().__init__(
            _("The returned value cannot be graded: {detail}.").format(
                detail=detail.rstrip(".")
            ),
            _(
                "Return plain values: numpy arrays, numbers, strings, lists, tuples or dicts."
            ),
        )


class CallTimeout(StudentCodeError):
    status = "timeout"

    def __init__(
        self,
        seconds: float = 0.0,
        repeated: bool = False,
        message: str = "",
        budget: bool = False,
    ) -> None:
        self.seconds = seconds
        if not message and budget:
            message = _(
                "Not run: this submission's calls together used up the {seconds:g} s it may take."
            ).format(seconds=seconds)
        elif not message and repeated:
            message = _(
                "Not run: an earlier call of this function did not finish within {seconds:g} s."
            ).format(seconds=seconds)
        elif not message:
            message = _("The call did not finish within {seconds:g} s.").format(
                seconds=seconds
            )
        super().__init__(
            message,
            _(
                "Look for a loop that never ends, or one that visits far more pixels than needed."
            ),
        )


class WorkerCrashed(StudentCodeError):
    status = "error"

    def __init__(self, code: int | None) -> None:
        self.how = describe_exit(code)
        super().__init__(
            _("Python stopped while running your code ({how}).").format(how=self.how),
            _(
                "Your code exits or crashes the interpreter: look for exit(), os._exit(), or code that corrupts memory."
            ),
        )
        self.code = code


class OutOfMemory(StudentCodeError):
    status = "oom"

    def __init__(self, message: str) -> None:
        super().__init__(
            message, _("Avoid building arrays much larger than the image.")
        )


class TooMuchOutput(StudentCodeError):
    status = "error"

    def __init__(self, limit: int) -> None:
        super().__init__(
            _(
                "Your code printed more than {size} MiB, so it was stopped; the first and last parts of what it printed are kept."
            ).format(size=limit // 2**20),
            _("Remove print calls inside loops, or print a summary instead."),
        )


class ForbiddenModule(StudentCodeError):
    status = "failed"

    def __init__(self, module: str, names: list[str]) -> None:
        super().__init__(
            _(
                "{module}.py uses {names}, which this exercise is to be written without."
            ).format(module=module, names=", ".join(names)),
            _(
                "Write it without {names}: numpy and plain Python are enough for this exercise."
            ).format(names=", ".join(names)),
        )
        self.names = names


def describe_exit(code: int | None) -> str:
    if code is None:
        return _("no exit status")
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return _("killed by signal {name}").format(name=name)
    return _("exit status {code}").format(code=code)


def _where(error: dict[str, Any]) -> str:
    where = error.get("where") or []
    if not where or not isinstance(where[-1], list) or len(where[-1]) != 2:
        return ""
    name, line = where[-1]
    return _(" (at {file}, line {line})").format(file=name, line=line)

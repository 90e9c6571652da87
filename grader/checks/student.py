"""What a check holds of the student: a module proxy whose calls go to the worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grader.checks.compare import describe
from grader.course import Exercise
from grader.sandbox import Session


@dataclass
class Call:
    """One call made by a check: what was called, and what it did to its inputs."""

    function: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    mutated: list[int] = field(default_factory=list)

    def describe(self) -> str:
        parts = [describe(arg) for arg in self.args]
        parts += [f"{name}={describe(value)}" for name, value in self.kwargs.items()]
        return f"{self.function}({', '.join(parts)})"


class StudentModule:
    """Stands for the student's module of one exercise; ``student.f(x)`` runs f in the worker."""

    def __init__(self, session: Session, exercise: Exercise) -> None:
        self._session = session
        self.exercise = exercise
        self.last_call: Call | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            record = Call(name, args, kwargs)
            self.last_call = record
            value, record.mutated = self._session.call(
                self.exercise.id, name, args, kwargs
            )
            return value

        return call

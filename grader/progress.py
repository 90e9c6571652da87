"""A progress bar for a class: done, failed and time left; silent off a terminal."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import (
    Progress as Bar,
)

from grader.batch import Outcome
from grader.i18n import _


class Progress:
    """Counts outcomes as they arrive; draws on stderr only when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.failed = 0
        console = Console(file=sys.stderr)
        self._bar: Bar | None = None
        if console.is_terminal:
            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]}"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._task = self._bar.add_task(_("grading"), total=total, failed="")

    def __enter__(self) -> Progress:
        if self._bar:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar:
            self._bar.stop()

    def advance(self, outcome: Outcome) -> None:
        if outcome.status != "graded":
            self.failed += 1
        if self._bar:
            failed = (
                _("{count} not graded").format(count=self.failed) if self.failed else ""
            )
            self._bar.update(self._task, advance=1, failed=failed)

"""The worker: the only process that imports and runs a student's code.

Started by ``grader.sandbox`` as ``python -I worker_main.py IN_FD OUT_FD
FORBIDDEN`` from inside the student's workspace. It answers requests on its
channel until the channel closes. It trusts nothing it runs and is trusted by
nobody: the grading process treats every answer as untrusted data.

FORBIDDEN is a comma-separated list of modules this worker's exercises are to
be written without. Such a worker never loads them and refuses every import
of them (a finder, and an audit hook that student code cannot remove); each
refusal is reported with the reply, so the grader can name the module. Under
the bwrap layer a stand-in that refuses to load replaces them on disk too.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
import traceback
import types
from typing import Any

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wire

del sys.path[0]

MAX_TEXT = 4000
FORBIDDEN: set[str] = set()  # for reports only: the refusal itself is in a closure


def main() -> None:
    in_fd, out_fd = int(sys.argv[1]), int(sys.argv[2])
    forbidden = (
        frozenset(filter(None, sys.argv[3].split(","))) if sys.argv[3:] else frozenset()
    )
    FORBIDDEN.update(forbidden)
    refused = refuse_imports(forbidden) if forbidden else set()
    if "cv2" not in forbidden:
        preload_opencv()
    # the workspace first; the grader's own folder is never on the path
    sys.path.insert(0, os.getcwd())
    sys.argv = ["submission"]
    while True:
        try:
            header, blobs = wire.read_message(in_fd)
        except EOFError:
            return
        refused.clear()
        reply, reply_blobs = handle(header, blobs, forbidden)
        reply["id"] = header.get("id")
        error = reply.get("error") or {}
        refused.update(error.pop("refused", []))
        if refused:
            reply["forbidden"] = sorted(refused)
        flush_output()
        wire.write_message(out_fd, reply, reply_blobs)


def preload_opencv() -> None:
    """Import OpenCV now, so that a student's import is timed without its start-up."""
    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:  # pragma: no cover - OpenCV is a dependency
        pass


def refuse_imports(forbidden: frozenset[str]) -> set[str]:
    """Make every import of a forbidden module fail; the set records the attempts.

    A finder first on ``sys.meta_path`` catches ``importlib.import_module``; an
    audit hook catches the import statement and stays for the life of the
    process, so student code that clears the finders is still refused.
    """
    refused: set[str] = set()

    def refuse(name: str) -> None:
        top = str.partition(name, ".")[0]  # the base method: a str subclass cannot lie
        if top in forbidden:
            refused.add(top)
            raise ImportError(
                f"{top} may not be used in this exercise: it is to be written without it",
                name=top,
            )

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "import" and args and isinstance(args[0], str):
            refuse(args[0])

    class RefuseFinder:
        @staticmethod
        def find_spec(name: str, path: Any = None, target: Any = None) -> None:
            refuse(name)

    sys.meta_path.insert(0, RefuseFinder)
    sys.addaudithook(hook)
    return refused


def refusals(exc: BaseException, forbidden: frozenset[str]) -> set[str]:
    """Forbidden modules whose import or lookup failed somewhere in ``exc``'s chain.

    Catches the stand-in module the bwrap layer mounts in place of one, and a
    ``sys.modules["cv2"]`` that found nothing (this worker never loads it).
    """
    found: set[str] = set()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = None
        if isinstance(current, ImportError):
            name = current.name
        elif type(current) is KeyError and len(current.args) == 1:
            name = current.args[0]
        if isinstance(name, str) and str.partition(name, ".")[0] in forbidden:
            found.add(str.partition(name, ".")[0])
        current = current.__cause__ or current.__context__
    return found


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a student may have replaced or closed it
            pass


def handle(
    header: dict[str, Any], blobs: list[bytes], forbidden: frozenset[str]
) -> tuple[dict[str, Any], list[bytes]]:
    op = header.get("op")
    if op == "ping":
        return {"ok": True}, []
    if op == "import":
        return import_module(header["module"], forbidden)
    if op == "call":
        return call(header, blobs)
    return {"ok": False, "error": describe_error(ValueError(f"unknown op {op!r}"))}, []


def import_module(
    name: str, forbidden: frozenset[str]
) -> tuple[dict[str, Any], list[bytes]]:
    try:
        module = importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit too: reported, not obeyed
        return {"ok": False, "error": describe_error(exc)}, []
    used = sorted(forbidden_names(module, forbidden))
    functions = sorted(
        name
        for name, value in vars(module).items()
        if isinstance(value, types.FunctionType)
    )
    return {"ok": True, "functions": functions, "forbidden_used": used}, []


def forbidden_names(module: types.ModuleType, forbidden: frozenset[str]) -> set[str]:
    found = set()
    for value in vars(module).values():
        owner = (
            getattr(value, "__name__", "")
            if isinstance(value, types.ModuleType)
            else ""
        )
        owner = owner or getattr(value, "__module__", "") or ""
        if isinstance(owner, str) and owner.split(".")[0] in forbidden:
            found.add(owner.split(".")[0])
    return found


def call(
    header: dict[str, Any], blobs: list[bytes]
) -> tuple[dict[str, Any], list[bytes]]:
    try:
        args = wire.decode(header["args"], blobs)
        kwargs = wire.decode(header["kwargs"], blobs)
        function = getattr(sys.modules[header["module"]], header["function"])
        before = copy.deepcopy(args)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": describe_error(exc)}, []
    try:
        value = function(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - SystemExit too
        return {"ok": False, "error": describe_error(exc)}, []
    out: list[bytes] = []
    try:
        reply = {
            "ok": True,
            "value": wire.encode(value, out),
            "mutated": mutated(before, args),
        }
    except BaseException as exc:  # noqa: BLE001 - a hostile __len__ or __iter__
        return {"ok": False, "error": describe_error(exc), "not_data": True}, []
    return reply, out


def mutated(before: list[Any], after: list[Any]) -> list[int]:
    """Positions of the array arguments the function changed in place."""
    changed = []
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        if isinstance(old, np.ndarray) and not np.array_equal(
            old, new, equal_nan=old.dtype.kind in "fc"
        ):
            changed.append(index)
    return changed


def describe_error(exc: BaseException) -> dict[str, Any]:
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.startswith(os.getcwd())
    ]
    where = [[os.path.basename(frame.filename), frame.lineno or 0] for frame in frames]
    try:
        text = str(exc)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        text = "(the exception's message could not be read)"
    return {
        "refused": sorted(refusals(exc, frozenset(FORBIDDEN))),
        "type": type(exc).__name__,
        "message": text[:MAX_TEXT],
        "where": where[-5:],
        "code": exc.code
        if isinstance(exc, SystemExit) and isinstance(exc.code, int)
        else None,
    }


if __name__ == "__main__":
    main()

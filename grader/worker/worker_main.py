"""The worker: the only process that imports and runs a student's code.

Started by ``grader.sandbox`` as ``python -I worker_main.py IN_FD OUT_FD``
from inside the student's workspace. It answers requests on its channel until
the channel closes. It trusts nothing it runs and is trusted by nobody: the
grading process treats every answer as untrusted data.
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

try:  # preloaded so that a student's import is timed without OpenCV's start-up
    import cv2

    cv2.setNumThreads(1)
except ImportError:  # pragma: no cover - OpenCV is a dependency
    pass

MAX_TEXT = 4000


def main() -> None:
    in_fd, out_fd = int(sys.argv[1]), int(sys.argv[2])
    sys.path.insert(
        0, os.getcwd()
    )  # the workspace; the grader's folder is not on the path
    sys.argv = ["submission"]
    blocked: dict[str, frozenset[str]] = {}
    while True:
        try:
            header, blobs = wire.read_message(in_fd)
        except EOFError:
            return
        reply, reply_blobs = handle(header, blobs, blocked)
        reply["id"] = header.get("id")
        flush_output()
        wire.write_message(out_fd, reply, reply_blobs)


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a student may have replaced or closed it
            pass


def handle(
    header: dict[str, Any], blobs: list[bytes], blocked: dict[str, frozenset[str]]
) -> tuple[dict[str, Any], list[bytes]]:
    op = header.get("op")
    if op == "ping":
        return {"ok": True}, []
    if op == "forbid":
        blocked[header["module"]] = frozenset(header["names"])
        return {"ok": True}, []
    if op == "import":
        return import_module(
            header["module"], blocked.get(header["module"], frozenset())
        )
    if op == "call":
        return call(header, blobs)
    return {"ok": False, "error": describe_error(ValueError(f"unknown op {op!r}"))}, []


def import_module(
    name: str, forbidden: frozenset[str]
) -> tuple[dict[str, Any], list[bytes]]:
    guard = ImportGuard(name, forbidden) if forbidden else None
    if guard:
        sys.meta_path.insert(0, guard)
    try:
        module = importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit too: reported, not obeyed
        return {"ok": False, "error": describe_error(exc)}, []
    finally:
        if guard:
            sys.meta_path.remove(guard)
    used = sorted(forbidden_names(module, forbidden))
    functions = sorted(
        name
        for name, value in vars(module).items()
        if isinstance(value, types.FunctionType)
    )
    return {"ok": True, "functions": functions, "forbidden_used": used}, []


class ImportGuard:
    """Refuses forbidden modules while one exercise's module is being imported."""

    def __init__(self, module: str, forbidden: frozenset[str]) -> None:
        self.module = module
        self.forbidden = forbidden

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.split(".")[0] in self.forbidden:
            raise ImportError(
                f"{fullname} may not be used in {self.module}: this exercise is "
                "to be written without it"
            )
        return None


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
        "type": type(exc).__name__,
        "message": text[:MAX_TEXT],
        "where": where[-5:],
        "code": exc.code
        if isinstance(exc, SystemExit) and isinstance(exc.code, int)
        else None,
    }


if __name__ == "__main__":
    main()

"""The wire format between the grading process and the worker: data only.

A message is a JSON header frame followed by ``header["blobs"]`` binary frames,
each a ``.npy`` file. Every frame is a 4-byte big-endian length and its bytes.
Values are JSON scalars, strings, lists, ``{"$tuple": [...]}``,
``{"$dict": {...}}`` (string keys), ``{"$float": "nan"}`` for non-finite floats
and ``{"$array": i}`` for the i-th blob. Nothing is ever pickled.

This module is imported by the worker too, so it uses only the standard
library and numpy.
"""

from __future__ import annotations

import io
import json
import math
import os
import struct
from typing import Any

import numpy as np

MAX_FRAME = 256 * 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 200_000
ARRAY_KINDS = frozenset("biufc")
_LENGTH = struct.Struct(">I")


class NotData(ValueError):
    """A value that cannot cross the wire: not plain data, or too large."""


def encode(value: Any, blobs: list[bytes], limit: int = MAX_FRAME) -> Any:
    """Turn ``value`` into JSON-ready data, appending array bytes to ``blobs``."""
    budget = [MAX_ITEMS]
    return _encode(value, blobs, limit, 0, budget)


def _encode(
    value: Any, blobs: list[bytes], limit: int, depth: int, budget: list[int]
) -> Any:
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        raise NotData("value is nested too deeply or has too many items")
    if value is None or type(value) is bool:
        return value
    if isinstance(value, bool):
        return bool.__bool__(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        number = float.__float__(value)
        return number if math.isfinite(number) else {"$float": repr(number)}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (np.ndarray, np.generic)):
        return {"$array": _add_blob(value, blobs, limit)}
    if isinstance(value, (list, tuple)):
        items = [_encode(item, blobs, limit, depth + 1, budget) for item in value]
        return {"$tuple": items} if isinstance(value, tuple) else items
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise NotData("dict keys must be strings")
        return {
            "$dict": {
                str.__str__(key): _encode(item, blobs, limit, depth + 1, budget)
                for key, item in value.items()
            }
        }
    raise NotData(f"a value of type {type(value).__name__} is not plain data")


def _add_blob(value: np.ndarray | np.generic, blobs: list[bytes], limit: int) -> int:
    array = np.array(value, subok=False, copy=True)
    if array.dtype.kind not in ARRAY_KINDS or array.dtype.fields is not None:
        raise NotData(f"arrays of dtype {array.dtype} are not plain data")
    if array.nbytes + sum(map(len, blobs)) > limit:
        raise NotData(f"the result is larger than {limit // (1024 * 1024)} MiB")
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    blobs.append(buffer.getvalue())
    return len(blobs) - 1


def decode(data: Any, blobs: list[bytes]) -> Any:
    """Rebuild a value from ``encode``'s output; only exact builtin types come out.

    Each array blob may be used once, so a small answer cannot unfold into a
    huge one in the grading process; depth and item count are bounded too.
    """
    return _decode(data, blobs, set(), 0, [MAX_ITEMS])


def _decode(
    data: Any, blobs: list[bytes], used: set[int], depth: int, budget: list[int]
) -> Any:
    budget[0] -= 1
    if depth > MAX_DEPTH or budget[0] < 0:
        raise NotData("value is nested too deeply or has too many items")
    if data is None or type(data) in (bool, float, str):
        return data
    if type(data) is int:
        if abs(data) >= 2**63:
            raise NotData("an integer too large for an image")
        return data
    if type(data) is list:
        return [_decode(item, blobs, used, depth + 1, budget) for item in data]
    if type(data) is dict and len(data) == 1:
        ((tag, inner),) = data.items()
        if tag == "$tuple" and type(inner) is list:
            return tuple(
                _decode(item, blobs, used, depth + 1, budget) for item in inner
            )
        if tag == "$dict" and type(inner) is dict:
            return {
                key: _decode(item, blobs, used, depth + 1, budget)
                for key, item in inner.items()
            }
        if tag == "$float" and inner in ("nan", "inf", "-inf"):
            return float(inner)
        if (
            tag == "$array"
            and type(inner) is int
            and 0 <= inner < len(blobs)
            and inner not in used
        ):
            used.add(inner)
            return load_array(blobs[inner])
    raise NotData("malformed value on the wire")


def load_array(blob: bytes) -> np.ndarray:
    """Read one ``.npy`` blob without pickle, accepting only plain numeric arrays."""
    try:
        array = np.load(io.BytesIO(blob), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise NotData(f"unreadable array: {exc}") from None
    if type(array) is not np.ndarray or array.dtype.kind not in ARRAY_KINDS:
        raise NotData("only plain numeric arrays may cross the wire")
    if array.dtype.fields is not None:
        raise NotData("structured arrays are not plain data")
    return array


def write_message(fd: int, header: dict[str, Any], blobs: list[bytes]) -> None:
    """Write one message (header and blobs) to a file descriptor."""
    header = dict(header, blobs=len(blobs))
    frames = [json.dumps(header, allow_nan=False).encode("utf-8"), *blobs]
    payload = b"".join(_LENGTH.pack(len(frame)) + frame for frame in frames)
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_exact(fd: int, size: int) -> bytes:
    """Blocking read of exactly ``size`` bytes; EOFError when the peer is gone."""
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("channel closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int) -> tuple[dict[str, Any], list[bytes]]:
    """Blocking read of one message; used by the worker."""
    header = _parse_header(read_frame(fd, read_exact))
    blobs = [read_frame(fd, read_exact) for _ in range(header["blobs"])]
    return header, blobs


def read_frame(fd: int, reader: Any) -> bytes:
    (size,) = _LENGTH.unpack(reader(fd, _LENGTH.size))
    if size > MAX_FRAME:
        raise NotData(f"a frame of {size} bytes is larger than allowed")
    return bytes(reader(fd, size))


def _parse_header(frame: bytes) -> dict[str, Any]:
    try:
        header = json.loads(frame.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise NotData("a message header nested too deeply") from None
    if type(header) is not dict or type(header.get("blobs")) is not int:
        raise NotData("malformed message header")
    if not 0 <= header["blobs"] <= 4096:
        raise NotData("too many arrays in one message")
    return header


def parse_header(frame: bytes) -> dict[str, Any]:
    """Parse a header frame, rejecting anything that is not a plain JSON object."""
    return _parse_header(frame)


def _reject_constant(name: str) -> None:
    raise NotData(f"{name} is not allowed in a header")

"""The wire format carries plain data only, and refuses everything else."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from grader.worker import wire


def roundtrip(value: object) -> object:
    blobs: list[bytes] = []
    return wire.decode(wire.encode(value, blobs), blobs)


@pytest.mark.parametrize(
    "value",
    [None, True, 3, -2.5, "текст", [1, "a"], (1, 2), {"k": [1.5, None]}, {"$array": 0}],
    ids=[
        "none",
        "bool",
        "int",
        "float",
        "str",
        "list",
        "tuple",
        "dict",
        "dict-with-tag-key",
    ],
)
def test_plain_values_roundtrip_exactly(value: object) -> None:
    back = roundtrip(value)
    assert back == value
    assert type(back) is type(value)


@pytest.mark.parametrize(
    "dtype", [np.uint8, np.int16, np.float32, np.float64, np.bool_]
)
def test_arrays_keep_shape_dtype_and_values(dtype: type) -> None:
    array = (np.arange(24).reshape(2, 3, 4) % 2).astype(dtype)
    back = roundtrip(array)
    assert type(back) is np.ndarray
    assert back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array)


def test_numpy_scalars_become_zero_dimensional_arrays_keeping_dtype() -> None:
    back = roundtrip(np.uint8(7))
    assert (
        type(back) is np.ndarray
        and back.dtype == np.uint8
        and back.shape == ()
        and int(back) == 7
    )


def test_non_finite_floats_survive_without_invalid_json() -> None:
    back = roundtrip([float("nan"), float("inf"), float("-inf")])
    assert np.isnan(back[0]) and back[1] == float("inf") and back[2] == float("-inf")


def test_subclasses_are_flattened_to_their_builtin_base() -> None:
    class Sly(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    class Liar(np.ndarray):
        pass

    assert type(roundtrip(Sly("/"))) is str
    assert type(roundtrip(np.zeros(3).view(Liar))) is np.ndarray


@pytest.mark.parametrize(
    "value",
    [object(), np.array([object()], dtype=object), {1: "not a string key"}, lambda: 0],
    ids=["object", "object-array", "int-key", "function"],
)
def test_values_that_are_not_data_are_refused(value: object) -> None:
    with pytest.raises(wire.NotData):
        wire.encode(value, [])


def test_a_result_larger_than_the_limit_is_refused() -> None:
    with pytest.raises(wire.NotData, match="larger"):
        wire.encode(np.zeros(1000, np.uint8), [], limit=100)


def test_pickled_arrays_are_never_loaded() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.NotData):
        wire.load_array(buffer.getvalue())


def test_malformed_tags_are_refused() -> None:
    with pytest.raises(wire.NotData):
        wire.decode({"$array": 5}, [])
    with pytest.raises(wire.NotData):
        wire.decode({"$float": "1e999"}, [])


def test_messages_roundtrip_through_a_pipe() -> None:
    read_fd, write_fd = os.pipe()
    try:
        blobs: list[bytes] = []
        header = {"op": "call", "args": wire.encode([np.eye(2)], blobs)}
        wire.write_message(write_fd, header, blobs)
        got, got_blobs = wire.read_message(read_fd)
    finally:
        os.close(read_fd)
        os.close(write_fd)
    assert got["op"] == "call"
    assert np.array_equal(wire.decode(got["args"], got_blobs)[0], np.eye(2))


def test_a_header_with_nan_constants_is_refused() -> None:
    with pytest.raises(wire.NotData):
        wire.parse_header(b'{"blobs": 0, "value": NaN}')


def test_an_array_used_twice_is_refused_so_answers_cannot_unfold() -> None:
    blobs: list[bytes] = []
    data = wire.encode([np.zeros(10)], blobs)
    with pytest.raises(wire.NotData):
        wire.decode([data[0]] * 1000, blobs)


def test_deep_nesting_and_huge_integers_are_refused_not_crashed() -> None:
    deep: object = 1
    for _ in range(wire.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(wire.NotData):
        wire.decode(deep, [])
    with pytest.raises(wire.NotData):
        wire.decode(10**400, [])

"""Stands in for a module an exercise is to be written without.

The bwrap layer mounts an empty folder over such a module's package and this
file as its ``__init__.py``, so the real module is not in the worker's view.
"""

raise ImportError(
    f"{__name__} may not be used in this exercise: it is to be written without it",
    name=__name__,
)

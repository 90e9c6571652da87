"""An auto-grader for image-processing exercises: hidden pytest checks, sandboxed student code."""

__version__ = "0.1.0"

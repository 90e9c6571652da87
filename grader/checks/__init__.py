"""What a course's checks use: fixtures ``student`` and ``check``, ``Mistake``, ``_``.

A check is a pytest test function::

    pytestmark = pytest.mark.exercise("padding")

    @pytest.mark.points(2)
    def test_gray_image(student, check):
        \"\"\"pad_zero pads a gray image on every side.\"\"\"
        img = np.arange(35, dtype=np.uint8).reshape(5, 7)
        got = student.pad_zero(img, 2)
        check.array(got, np.pad(img, 2), mistakes=[Mistake(_("..."), answer=...)])

``student.f(...)`` runs the student's ``f`` in the worker; only data comes back.
"""

from grader.checks.checker import Checker
from grader.checks.compare import CheckFailed, Mistake
from grader.i18n import _

__all__ = ["CheckFailed", "Checker", "Mistake", "_"]

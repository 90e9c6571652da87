"""Write the kernel quiz's public puzzle: ``exercises/data/mystery_{before,after}.png``.

Run ``python solutions/build_data.py`` after changing ``mystery_kernel`` in
``solutions/kernel_quiz.py``; a test fails while the committed pictures differ
from what this script writes.
"""

import importlib.util
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "exercises" / "data"


def mystery_pair():
    """The 'before' picture (a photo crop beside isolated dots) and its filtered 'after'."""
    spec = importlib.util.spec_from_file_location("reference_kernel_quiz", ROOT / "solutions" / "kernel_quiz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    camera = cv2.imread(str(DATA / "camera.png"), cv2.IMREAD_GRAYSCALE)
    before = np.zeros((40, 64), np.uint8)
    before[:, :40] = camera[20:60, 30:70]
    for row, col in ((6, 48), (18, 56), (30, 50)):
        before[row, col] = 200
    return before, cv2.filter2D(before, -1, module.mystery_kernel())


def main():
    before, after = mystery_pair()
    cv2.imwrite(str(DATA / "mystery_before.png"), before)
    cv2.imwrite(str(DATA / "mystery_after.png"), after)


if __name__ == "__main__":
    main()

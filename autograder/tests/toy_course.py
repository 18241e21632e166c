"""A two-function course, small enough to grade in seconds, for testing the pipeline itself.

It uses this repository's ``nbgrader_config.py`` (loaded as a sub-config), so it exercises
the same delimiters, stub, guard and preprocessors as the real assignments, and it is laid out
like them: ``assignments/toy/`` holds the notebook, ``manifest.toml`` and ``grading/``.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.course import REPO_ROOT

ASSIGNMENT = "toy"
#: Strings that appear only in hidden test code: no student-facing file may contain them.
HIDDEN_MARKERS = ("hidden-only-1", "hidden-only-2", "trusted-only-1", "BEGIN HIDDEN TESTS")


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=None):
    meta = {"grade": grade, "solution": solution, "locked": locked,
            "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


SETUP = "import numpy as np\nimport coursekit.guard\ncoursekit.guard.install()"
DOUBLE = '''def double(x):
    """Return 2 * x."""
    ### START CODE HERE ###
    y = 2 * x
    ### END CODE HERE ###
    return y'''
TEST_DOUBLE = '''import numpy as np
from coursekit import checks
checks.assert_close(double(np.arange(3.0)), [0.0, 2.0, 4.0], "double(arange(3))")
### BEGIN HIDDEN TESTS
checks.hand_out(double(-1.5), "double(-1.5)")  # hidden-only-1
### END HIDDEN TESTS'''
SQUARE = '''def square(x):
    """Return x * x."""
    ### START CODE HERE ###
    y = x * x
    ### END CODE HERE ###
    return y'''
TEST_SQUARE = '''import numpy as np
from coursekit import checks
checks.assert_close(square(3.0), 9.0, "square(3)")
### BEGIN HIDDEN TESTS
checks.hand_out(square(np.array([-2.0, 0.5])), "square of an array")  # hidden-only-2
np.random.seed(7)
checks.hand_out(square(np.random.randn(5)), "square of random numbers")
# a known-good double (grading/trusted.py) stands in for the student's: a bug there costs test_double only
trusted_helpers = checks.trusted("double")
with checks.substituted(globals(), **trusted_helpers):
    checks.hand_out(square(double(np.array([1.5, -0.25]))), "square of double of an array")
### END HIDDEN TESTS'''

MANIFEST = """points = 3   # test_double 1 + test_square 2; grading limits: the defaults

[samples]
buggy = ["square.abs"]
"""
#: The corpus: edits of the notebook's own solution cells, one mutant as a file, two variants.
MUTANTS = """[square.abs]
why = "x * abs(x): right for x >= 0, which is all the visible test tries"
edits = [["y = x * x", "y = x * abs(x)"]]

[square.plus]
why = "x + x instead of x * x"
edits = [["y = x * x", "y = x + x"]]

[double.sneaky]
file = "mutants/double/sneaky.py"
loses = ["test_double"]
"""
SNEAKY = '''"""Adds 2 instead of multiplying by 2."""
def double(x):
    return x + 2
'''
VARIANTS = {
    "power": '''"""The power operator."""
def square(x):
    return x ** 2
''',
    "numpy": '''"""NumPy's own square."""
import numpy as np
def square(x):
    return np.square(x)
''',
}
#: The known-good functions hidden tests swap in (autograder/trusted.py inlines them).
TRUSTED = '''"""Known-good functions of the toy assignment."""
import numpy as np


def double(x):
    """2 * x, for any array or number (trusted-only-1)."""
    return np.multiply(x, 2)
'''
#: Text that appears only in the grading material: no release or bundle may contain it.
GRADING_MARKERS = ("x * abs(x)", "np.square(x)", "x + 2")


def notebook():
    nb = new_notebook(cells=[
        new_markdown_cell("# Toy assignment"),
        new_code_cell(SETUP, metadata=_meta("setup", locked=True)),
        new_code_cell(DOUBLE, metadata=_meta("double", solution=True)),
        new_code_cell(TEST_DOUBLE, metadata=_meta("test_double", grade=True, locked=True, points=1)),
        new_code_cell(SQUARE, metadata=_meta("square", solution=True)),
        new_code_cell(TEST_SQUARE, metadata=_meta("test_square", grade=True, locked=True, points=2)),
    ])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nb


def make_course(root: Path):
    """Write the toy course under ``root``; return ``root``."""
    root = Path(root)
    (root / "assignments" / ASSIGNMENT).mkdir(parents=True)
    folder = root / "assignments" / ASSIGNMENT
    nbformat.write(notebook(), folder / "toy.ipynb")
    (folder / "data.txt").write_text("a data file the notebook may read\n")
    (folder / "manifest.toml").write_text(MANIFEST)
    (folder / "grading" / "mutants" / "double").mkdir(parents=True)
    (folder / "grading" / "mutants.toml").write_text(MUTANTS)
    (folder / "grading" / "trusted.py").write_text(TRUSTED)
    (folder / "grading" / "mutants" / "double" / "sneaky.py").write_text(SNEAKY)
    (folder / "grading" / "variants" / "square").mkdir(parents=True)
    for name, text in VARIANTS.items():
        (folder / "grading" / "variants" / "square" / f"{name}.py").write_text(text)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"load_subconfig({str(REPO_ROOT / 'nbgrader_config.py')!r})\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{root}/gradebook.db'\n"
    )
    return root

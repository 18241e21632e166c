"""A two-function course, small enough to grade in seconds, for testing the pipeline itself.

It uses this repository's ``nbgrader_config.py`` (loaded as a sub-config), so it exercises
the same delimiters, stub, guard and preprocessors as the real assignments.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.course import REPO_ROOT

ASSIGNMENT = "toy"
#: Strings that appear only in hidden test code: no student-facing file may contain them.
HIDDEN_MARKERS = ("hidden-only-1", "hidden-only-2", "BEGIN HIDDEN TESTS")


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
### END HIDDEN TESTS'''

BUGS = '''BUGS = {
    "square": {"source": "def square(x):\\n    ### START CODE HERE ###\\n    y = x * abs(x)\\n    ### END CODE HERE ###\\n    return y",
               "loses": ["test_square"]},
}
'''


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
    nbformat.write(notebook(), root / "assignments" / ASSIGNMENT / "toy.ipynb")
    (root / "assignments" / ASSIGNMENT / "data.txt").write_text("a data file the notebook may read\n")
    (root / "autograder" / "samples").mkdir(parents=True)
    (root / "autograder" / "samples" / f"{ASSIGNMENT}.py").write_text(BUGS + CORPUS)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"load_subconfig({str(REPO_ROOT / 'nbgrader_config.py')!r})\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{root}/gradebook.db'\n"
    )
    return root

CORPUS = '''
MUTANTS = {
    "square": {
        "abs": "def square(x):\\n    return x * abs(x)",
        "plus": "def square(x):\\n    return x + x",
    },
    "double": {"sneaky": {"source": "def double(x):\\n    return x + 2", "loses": ["test_double"]}},
}
VARIANTS = {
    "square": {"power": "def square(x):\\n    return x ** 2", "numpy": "import numpy as np\\ndef square(x):\\n    return np.square(x)"},
}
'''

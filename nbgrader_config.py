"""nbgrader configuration for this course: plain ``nbgrader`` commands work from the repo root.

Read by ``nbgrader`` itself and by ``python -m autograder``, which runs nbgrader with it.
"""
import sys
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, Execute, GetGrades, LimitOutput, SaveAutoGrades,
)

_ROOT = Path(__file__).resolve().parent
if str(_ROOT) not in sys.path:  # so the course's own plug-ins import without installing
    sys.path.insert(0, str(_ROOT))

from autograder.expected import GUARD_ARGS  # noqa: E402
from autograder.nbgrader_ext import ApplyVerdict, FeedbackFromVerdict, InlineTrusted  # noqa: E402

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "convnets"
c.CourseDirectory.source_directory = "assignments"
c.CourseDirectory.release_directory = "release"
# The grading side of each assignment (assignments/<id>/manifest.toml and grading/: limits,
# points, trusted helpers, the corpus) is never part of what students receive.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "manifest.toml", "manifest.json", "grading"]
c.CourseDirectory.db_url = f"sqlite:///{_ROOT / 'gradebook.db'}"

# Students write between these markers; the release keeps the markers around an empty region.
c.ClearSolutions.begin_solution_delimeter = "### START CODE HERE ###"
c.ClearSolutions.end_solution_delimeter = "### END CODE HERE ###"
c.ClearSolutions.code_stub = {
    "python": "### START CODE HERE ###\n# YOUR CODE HERE\nraise NotImplementedError()\n### END CODE HERE ###"
}

# A student who deletes a test cell gets it back (and its score) instead of silently losing it.
c.OverwriteCells.add_missing_cells = True

# The guard snapshots NumPy and builtins before any notebook cell can replace them.
c.Execute.extra_arguments = list(GUARD_ARGS)
c.Execute.timeout = 300  # per cell; the ResNet and ConvNet training cells need more than 30 s

# The grade is decided outside the kernel: ApplyVerdict judges what each test cell handed out
# against the reference's expected values (bundles/<assignment>/expected.json, made by build)
# and replaces the cell's outputs by the verdict, which SaveAutoGrades then records.
# InlineTrusted, before Execute (nbgrader has already restored the test cells from the
# gradebook), inlines the known-good helpers hidden tests ask for with checks.trusted(...)
# (bundles/<assignment>/trusted.py, a copy of assignments/<assignment>/grading/trusted.py).
c.Autograde.autograde_preprocessors = [
    InlineTrusted,
    Execute,
    ApplyVerdict,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Feedback: test cells show their visible part and our verdict; no kernel output anywhere.
c.GenerateFeedback.preprocessors = [GetGrades, FeedbackFromVerdict, CSSHTMLHeaderPreprocessor]

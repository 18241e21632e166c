"""nbgrader plug-ins this course adds to the stock pipeline (wired up in ``nbgrader_config.py``).

- :class:`InlineTrusted` (autograde, first, before Execute; nbgrader has restored the test
  cells from the gradebook by then) — each ``trusted_helpers = checks.trusted(...)`` directive
  of a hidden test is replaced by the known-good functions it asks for, from the bundle's copy
  of ``grading/trusted.py`` (:mod:`autograder.trusted`).
- :class:`ApplyVerdict` (autograde, right after Execute) — the grade of a test cell is decided
  here, in nbgrader's process, not by what the kernel printed: the cell's handouts are judged
  against the assignment's expected file (:mod:`autograder.verdict`) and the cell's outputs are
  *replaced* by the verdict: a line saying it passed, or an error output naming the first
  failed check.  nbgrader's own scoring (an error output scores 0) then records our verdict,
  in our pipeline and under plain ``nbgrader autograde`` alike; nothing the kernel wrote into a
  test cell survives.
- :class:`FeedbackFromVerdict` (generate_feedback) — the page a student gets: test cells show
  their visible part and our verdict, every other cell its source only (a kernel can print
  hidden test source from ``In`` or a hook in any cell, so no kernel output is shown).
"""
import os

from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .course import CourseError
from .expected import load_expected
from .notebook import is_test, visible_part
from .trusted import expand_notebook
from .verdict import judge_notebook

#: The error name a failed test cell shows (feedback and autograded notebook).
FAILED = "CheckFailed"


def _bundle_folder(preprocessor, assignment):
    folder = preprocessor.bundles_dir or os.path.join(CourseDirectory(config=preprocessor.config).root, "bundles")
    return os.path.join(folder, assignment)


class InlineTrusted(NbGraderPreprocessor):
    """Inline the trusted functions hidden tests ask for (``checks.trusted``), from the
    assignment's bundle (``<bundles>/<assignment>/trusted.py``)."""

    bundles_dir = Unicode("", help="folder of <assignment>/trusted.py "
                                   "(default: bundles/ under the course root)").tag(config=True)

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        notebook = resources["nbgrader"]["notebook"]
        path = os.path.join(_bundle_folder(self, assignment), "trusted.py")
        try:
            expand_notebook(nb, path, where=f"{assignment}/{notebook}")
        except CourseError as exc:   # nbgrader reports it and grades nothing: the course must be fixed
            raise RuntimeError(f"InlineTrusted: {exc}") from None
        return nb, resources


class ApplyVerdict(NbGraderPreprocessor):
    """Replace each test cell's outputs by the verdict on its handouts."""

    bundles_dir = Unicode("", help="folder of <assignment>/expected.json "
                                   "(default: bundles/ under the course root)").tag(config=True)

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        notebook = resources["nbgrader"]["notebook"]
        expected = load_expected(os.path.join(_bundle_folder(self, assignment), "expected.json")).get(notebook, {})
        verdicts = judge_notebook(expected, nb)
        for cell in nb.cells:
            if is_test(cell):
                verdict = verdicts[cell.metadata["nbgrader"]["grade_id"]]
                cell.outputs = [verdict_output(verdict)]
        resources.setdefault("verdicts", {})[notebook] = verdicts
        return nb, resources


def verdict_output(verdict):
    """The one output a judged test cell keeps."""
    if verdict.passed:
        return new_output("stream", name="stdout", text=verdict.message + "\n")
    return new_output("error", ename=FAILED, evalue=verdict.message,
                      traceback=[f"{FAILED}: {verdict.message}"])


class FeedbackFromVerdict(NbGraderPreprocessor):
    """Test cells: visible source and the verdict output; other code cells: no outputs."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code":
            return cell, resources
        if is_test(cell):
            cell.source = visible_part(cell.source)
            cell.outputs = [o for o in cell.outputs if _is_verdict(o)]
        else:
            cell.outputs = []
        return cell, resources


def _is_verdict(output):
    return (output.get("output_type") == "error" and output.get("ename") == FAILED) or \
        (output.get("output_type") == "stream" and output.get("name") == "stdout")

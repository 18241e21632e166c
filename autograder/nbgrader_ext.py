"""nbgrader plug-ins this course adds to the stock pipeline (wired up in ``nbgrader_config.py``).

- :class:`StderrIsNotFailure` — nbgrader scores a test cell 0 as soon as it wrote anything to
  stderr, so a library warning or a student's debug print to ``sys.stderr`` would cost points.
  Stderr of grade cells is turned into stdout before scoring; exceptions still score 0.
- :class:`HideTestTracebacks` — feedback shows a failed check as "ErrorName: message" only,
  because a traceback quotes the hidden test lines that raised.
"""
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

#: Printed in feedback instead of a traceback.
TRACEBACK_NOTE = "(details of the hidden test are not shown)"


class StderrIsNotFailure(NbGraderPreprocessor):
    """Relabel stderr stream outputs of autograded test cells as stdout."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources


class HideTestTracebacks(NbGraderPreprocessor):
    """Replace the traceback of every error in a test cell by its last line."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    evalue = str(output.get("evalue", ""))
                    line = f"{output.get('ename', 'Error')}: {evalue}" if evalue else output.get("ename", "Error")
                    output["traceback"] = [line, TRACEBACK_NOTE]
        return cell, resources

"""Time Assignment 3 (a3_resnet, ResNet50 on SIGNS) as students and the autograder run it.

    python benchmarks/a3_resnet.py [--skip-student] [--skip-autograde] [--save DIR]

student: the source notebook top to bottom: ResNet50 trained on SIGNS with the notebook's
settings, then evaluated; budget 600 s ("run all" within ten minutes on a 2-core laptop),
target test accuracy >= 0.95.  autograde: NBGRADER_EXECUTION=autograde (the fit is skipped);
budget 45 s.  Grading through nbgrader: ``autograde_time.py``.  Run it alone: the load average
before and after each run is printed.
"""
import re
import sys

from _notebook_bench import ROOT, grade_id, read_figures, run, stdout_of

NOTEBOOK = ROOT / "assignments" / "a3_resnet" / "residual_networks.ipynb"
TARGET_TEST_ACCURACY = 0.95


def training_figures(nb):
    """Settings, training time and test accuracy printed by the training and evaluation cells."""
    train_source = "".join(c.source for c in nb.cells if grade_id(c) == "train")
    figures = {}
    for key in ("EPOCHS", "BATCH_SIZE", "LEARNING_RATE"):
        match = re.search(rf"^{key} = (\S+)", train_source, re.M)
        figures[key.lower()] = match.group(1) if match else None
    figures.update(read_figures(stdout_of(nb, "train"), {"training cell (s)": r"training took (\d+) s"}))
    figures.update(read_figures(stdout_of(nb, "evaluate"), {
        "test loss": r"Test loss\s*=\s*([0-9.]+)",
        "test accuracy": r"Test accuracy\s*=\s*([0-9.]+)"}))
    return figures


if __name__ == "__main__":
    sys.exit(run(NOTEBOOK, {"student": 600, "autograde": 45}, training_figures,
                 description=__doc__.split("\n")[0], target=("test accuracy", TARGET_TEST_ACCURACY)))

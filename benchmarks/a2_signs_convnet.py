"""Time Assignment 2 (a2_signs_convnet) as students and the autograder run it.

    python benchmarks/a2_signs_convnet.py [--skip-student] [--skip-autograde] [--save DIR]

student: the source notebook top to bottom (100 epochs of training); budget 120 s on 2 cores.
Prints the cost after epoch 0 and the train/test accuracies reached.
autograde: the same notebook with NBGRADER_EXECUTION=autograde (one epoch); budget 30 s.
Grading through nbgrader: ``autograde_time.py``.  The SIGNS files are found as the notebook
finds them (SIGNS_DATA_DIR, ./datasets, the repository's datasets folder).  Run it alone:
the load average before and after each run is printed.
"""
import sys

from _notebook_bench import ROOT, read_figures, run, stdout_of

NOTEBOOK = ROOT / "assignments" / "a2_signs_convnet" / "signs_convnet.ipynb"
MIN_TEST_ACCURACY = 0.80      # the data card's bar for a small ConvNet (datasets/README.md)


def training_figures(nb):
    """Cost after epoch 0 and the accuracies printed by the training cell."""
    return read_figures(stdout_of(nb, "train_signs"), {
        "cost after epoch 0": r"Cost after epoch 0: ([0-9.]+)",
        "train accuracy": r"Train Accuracy: ([0-9.]+)",
        "test accuracy": r"Test Accuracy: ([0-9.]+)"})


if __name__ == "__main__":
    sys.exit(run(NOTEBOOK, {"student": 120, "autograde": 30}, training_figures,
                 description=__doc__.split("\n")[0], target=("test accuracy", MIN_TEST_ACCURACY)))

"""Time Assignment 3 (a3_resnet, ResNet50 on SIGNS) against its budgets.

    python benchmarks/a3_resnet.py [--skip-student] [--skip-autograde] [--skip-grade] [--save DIR]

(a) student: the source notebook run top to bottom as a student runs it (no NBGRADER_EXECUTION):
    ResNet50 trained on SIGNS with the notebook's settings, then evaluated on the test set.
    Budget 600 s ("run all" in at most ten minutes on a 2-core laptop). Prints the test accuracy
    it reached (target >= 0.95) and the training cell's own time.
(b) autograde mode: the same notebook with NBGRADER_EXECUTION=autograde (the training cell skips
    the fit, the evaluation cell reports no accuracy), kernel start included. Budget 45 s.
(c) grade: the reference submission through the real pipeline (``nbgrader generate_assignment``
    and ``nbgrader autograde`` via :mod:`autograder`) in a throw-away copy of the course, so that
    nothing in the repository is written. Budget 45 s; nbgrader's own start-up is included.

The SIGNS files are found as the notebook finds them (SIGNS_DATA_DIR, ./datasets, the repository's
datasets folder). Timings depend on the machine and on what else runs on it: the load average
before and after each step is printed, so a run on a busy machine can be recognised. The CPU
time of the processes involved is printed too; on an otherwise idle 2-core machine the wall
time lies roughly between half of it and all of it.
"""
import argparse
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "a3_resnet"
NOTEBOOK = ROOT / "assignments" / ASSIGNMENT / "residual_networks.ipynb"
BUDGET_STUDENT_S = 600.0
BUDGET_AUTOGRADE_S = 45.0
TARGET_TEST_ACCURACY = 0.95


def execute(mode):
    """Run the source notebook in a temp copy of its folder; return (seconds, executed notebook).

    ``mode`` is "student" (no NBGRADER_EXECUTION) or "autograde"."""
    env_before = dict(os.environ)
    os.environ.pop("NBGRADER_EXECUTION", None)
    if mode == "autograde":
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-a3-") as tmp:
            work = Path(tmp) / ASSIGNMENT
            shutil.copytree(NOTEBOOK.parent, work)
            nb = nbformat.read(work / NOTEBOOK.name, as_version=4)
            client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                                    resources={"metadata": {"path": str(work)}})
            start = time.perf_counter()
            client.execute()
            return time.perf_counter() - start, nb
    finally:
        os.environ.clear()
        os.environ.update(env_before)


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _stdout(nb, grade_id):
    return "".join(o.get("text", "") for c in nb.cells if _grade_id(c) == grade_id
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")


def problems_in(nb):
    """Errors anywhere, and stderr in test cells (nbgrader would score those cells 0)."""
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{meta.get('grade_id', 'cell')}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and meta.get("grade"):
                found.append(f"{meta.get('grade_id')}: wrote to stderr: {out.get('text')[:200]!r}")
    return found


def training_figures(nb):
    """Settings, training time and test accuracy printed by the training and evaluation cells."""
    train_source = "".join(c.source for c in nb.cells if _grade_id(c) == "train")
    figures = {}
    for key in ("EPOCHS", "BATCH_SIZE", "LEARNING_RATE"):
        match = re.search(rf"^{key} = (\S+)", train_source, re.M)
        figures[key.lower()] = match.group(1) if match else None
    match = re.search(r"training took (\d+) s", _stdout(nb, "train"))
    figures["training cell (s)"] = int(match.group(1)) if match else None
    text = _stdout(nb, "evaluate")
    for key, pattern in (("test loss", r"Test loss\s*=\s*([0-9.]+)"),
                         ("test accuracy", r"Test accuracy\s*=\s*([0-9.]+)")):
        match = re.search(pattern, text)
        figures[key] = float(match.group(1)) if match else None
    return figures


def children_cpu():
    """CPU seconds (user + system) used so far by finished child processes (kernels, nbgrader)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(label, seconds, budget, cpu, load_before):
    print(f"{label}: {seconds:.1f} s  ({seconds / budget:.2f} of the {budget:.0f} s budget); "
          f"CPU time of its processes {cpu:.1f} s; load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after", flush=True)


def grade_reference():
    """Build the release and autograde the reference sample in a throw-away course copy."""
    sys.path.insert(0, str(ROOT))
    from autograder import samples
    from autograder.build import build
    from autograder.course import Course
    from autograder.grade import grade

    with tempfile.TemporaryDirectory(prefix="bench-a3-course-") as tmp:
        course_root = Path(tmp) / "course"
        (course_root / "assignments").mkdir(parents=True)
        (course_root / "autograder" / "samples").mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader_config.py", course_root)
        shutil.copytree(NOTEBOOK.parent, course_root / "assignments" / ASSIGNMENT)
        course = Course(course_root)
        build(course, [ASSIGNMENT], log=lambda *a: None)
        submissions = Path(tmp) / "submissions"
        samples.write_submission(course, ASSIGNMENT, "reference", submissions / "reference" / ASSIGNMENT)
        start = time.perf_counter()
        results = grade(course, submissions, Path(tmp) / "out", assignments=[ASSIGNMENT],
                        db_path=Path(tmp) / "out" / "gradebook.db", log=lambda *a: None)
        seconds = time.perf_counter() - start
    return seconds, results[0]


def _save(nb, folder, mode):
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, Path(folder) / f"{ASSIGNMENT}_{mode}.ipynb")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-student", action="store_true", help="skip (a), the training run")
    parser.add_argument("--skip-autograde", action="store_true", help="skip (b)")
    parser.add_argument("--skip-grade", action="store_true", help="skip (c), the nbgrader pipeline")
    parser.add_argument("--save", metavar="DIR", help="also write the executed notebooks of (a) and (b) there")
    args = parser.parse_args(argv)
    print(f"{ASSIGNMENT}: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}", flush=True)
    failed = False

    if not args.skip_student:
        cpu, load = children_cpu(), os.getloadavg()[0]
        seconds, nb = execute("student")
        _save(nb, args.save, "student")
        report("(a) student run-all (training included)", seconds, BUDGET_STUDENT_S, children_cpu() - cpu, load)
        figures = training_figures(nb)
        for key, value in figures.items():
            print(f"    {key}: {value}")
        accuracy = figures.get("test accuracy")
        if accuracy is not None:
            print(f"    test accuracy / target: {accuracy:.4f} / {TARGET_TEST_ACCURACY} = "
                  f"{accuracy / TARGET_TEST_ACCURACY:.3f}")
        for problem in problems_in(nb):
            print("    PROBLEM:", problem)
            failed = True

    if not args.skip_autograde:
        cpu, load = children_cpu(), os.getloadavg()[0]
        seconds, nb = execute("autograde")
        _save(nb, args.save, "autograde")
        report("(b) autograde-mode execution", seconds, BUDGET_AUTOGRADE_S, children_cpu() - cpu, load)
        for problem in problems_in(nb):
            print("    PROBLEM:", problem)
            failed = True

    if not args.skip_grade:
        cpu, load = children_cpu(), os.getloadavg()[0]
        seconds, result = grade_reference()
        report("(c) nbgrader autograde of the reference submission", seconds, BUDGET_AUTOGRADE_S,
               children_cpu() - cpu, load)
        print(f"    score {result.score:g}/{result.max_score:g} ({result.status}"
              f"{': ' + result.reason if result.reason else ''})")
        failed |= result.score != result.max_score

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

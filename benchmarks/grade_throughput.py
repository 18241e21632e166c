"""Grading throughput: submissions per minute with 1 and 2 workers, local pool and Dask, side by side.

The A1 reference × STUDENTS students (default 20) go through ``grade`` end to end (each folder
read into a job on the host, the workspace rebuilt from the bundle, nbgrader and a sandboxed
kernel per job, one writer merging into a fresh gradebook, the export) four ways in one run:
the local pool with 1 and 2 workers, and a Dask ``LocalCluster`` of 1 and 2 worker processes
(1 thread each).  The cluster's start-up is timed apart, not counted in its throughput.

Printed per run: wall seconds, submissions/minute, the scaling ratio (throughput with n
workers / (n × throughput with 1): 1.0 is perfect; the goal is ≥ 0.9 per added worker where
cores allow) and Dask's overhead per job against the local pool with as many workers.

    .venv/bin/python benchmarks/grade_throughput.py [--students 20] [--workers 1 2] [ASSIGNMENT]

Needs a built course (``python -m autograder build``).
"""
import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

from autograder import samples
from autograder.bundle import load_bundle
from autograder.course import Course
from autograder.executors import DaskExecutor, LocalExecutor
from autograder.grade import grade


def timed_grade(course, assignment, submissions, out, executor):
    """Wall seconds of one ``grade`` of ``submissions``; raises unless every one got full marks."""
    started = time.monotonic()
    results = grade(course, submissions, out, assignments=[assignment], db_path=out / "gradebook.db",
                    executor=executor, quiet=True, log=lambda *_: None)
    seconds = time.monotonic() - started
    wrong = [f"{r.student}: {r.score:g}/{r.max_score:g} {r.reason}" for r in results if r.score != r.max_score]
    if wrong:
        raise SystemExit(f"{assignment}: the reference lost points:\n  " + "\n  ".join(wrong[:5]))
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment", nargs="?", default="a1_conv_numpy")
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    course = Course()
    load_bundle(course, args.assignment)              # fails early, saying to build
    print(f"{args.students} × {args.assignment} reference, {os.cpu_count()} cores; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        tmp = Path(tmp)
        subs = tmp / "submitted"
        for i in range(args.students):
            samples.write_submission(course, args.assignment, "reference", subs / f"s{i:03d}" / args.assignment)
        for n in args.workers:
            with LocalExecutor(n) as executor:
                rows.append(("local", n, timed_grade(course, args.assignment, subs, tmp / f"local{n}", executor), None))
            from distributed import LocalCluster
            started = time.monotonic()
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                              silence_logs=logging.ERROR) as cluster, DaskExecutor(cluster) as executor:
                startup = time.monotonic() - started
                rows.append(("dask", n, timed_grade(course, args.assignment, subs, tmp / f"dask{n}", executor), startup))
    print(table(rows, args.students))
    print(f"load average at the end {os.getloadavg()[0]:.1f} (above the worker count: something else ran too)")


def table(rows, students):
    """The README table: one line per (executor, workers)."""
    rate = {(kind, n): 60 * students / seconds for kind, n, seconds, _ in rows}
    wall = {(kind, n): seconds for kind, n, seconds, _ in rows}
    lines = [f"{'executor':<8} {'workers':>7} {'wall s':>7} {'subs/min':>9} {'scaling':>8} "
             f"{'Dask overhead/job s':>20} {'cluster start s':>16}"]
    for kind, n, seconds, startup in rows:
        base = rate.get((kind, 1))
        scaling = f"{rate[kind, n] / (n * base):.2f}" if base and n > 1 else "-"
        overhead = f"{(seconds - wall[('local', n)]) / students:+.2f}" if kind == "dask" and ("local", n) in wall else "-"
        lines.append(f"{kind:<8} {n:>7} {seconds:>7.1f} {rate[kind, n]:>9.1f} {scaling:>8} {overhead:>20} "
                     f"{f'{startup:.1f}' if startup is not None else '-':>16}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

"""``python -m autograder COMMAND``: a thin layer over the pipeline stages."""
import argparse
import sys
from pathlib import Path

from .course import Course, CourseError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    parser.add_argument("--course", type=Path, default=None,
                        help="course root holding nbgrader_config.py (default: this repository)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="nbgrader generate_assignment into release/, then check the release is clean")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")

    p = sub.add_parser("validate", help="grade the reference, untouched and buggy samples; fail unless "
                                        "each gets exactly the expected points (needs build)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--jobs", type=int, default=1)
    _no_sandbox_option(p)

    p = sub.add_parser("grade", help="autograde a folder of <student>/<assignment>/ submissions (building "
                                     "first any assignment not built yet)")
    p.add_argument("submissions", type=Path)
    p.add_argument("--out", type=Path, default=None,
                   help="where autograded/, feedback/, results/ and grades.csv go (default: course root)")
    _gradebook_options(p, "to merge into")
    p.add_argument("--assignment", action="append", dest="assignments", help="only this assignment (repeatable)")
    p.add_argument("--jobs", type=int, default=1, help="submissions graded at once (local pool)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="grade on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) "
                        "instead of the local pool")
    p.add_argument("--quiet", action="store_true",
                   help="no progress bar and no line per graded submission: only failures and the summary")
    p.add_argument("--timeout", type=int, default=None,
                   help="seconds allowed per submission (default: the assignment's manifest, else 900)")
    p.add_argument("--cell-timeout", type=int, default=None,
                   help="seconds allowed per cell (default: the assignment's manifest, else 300)")
    p.add_argument("--memory-mb", type=int, default=None,
                   help="data memory each grading kernel may use, MiB (default: the manifest, else 6144; 0: no cap)")
    p.add_argument("--keep-workspaces", action="store_true", help="keep each submission's workspace for debugging")
    p.add_argument("--roster", type=Path, default=None, metavar="CSV",
                   help="students' names for the gradebook (formgrader): the CSV `nbgrader db student import` "
                        "takes, header id,first_name,last_name,email (default: roster.csv at the course root "
                        "if present and the gradebook is the course's; students not on it are named by their id)")
    _no_sandbox_option(p)

    p = sub.add_parser("export", help="write grades.csv, grades_by_test.csv and the common-mistakes report "
                                      "(mistakes.csv, mistakes.html) from the gradebook")
    p.add_argument("--out", type=Path, default=None, help="folder for the files (default: course root)")
    p.add_argument("--assignment", action="append", dest="assignments", help="only this assignment (repeatable)")
    _gradebook_options(p, "to read")

    p = sub.add_parser("mutation-report", help="run the mutant and correct-variant corpora through the test "
                                               "cells; exit 1 unless every mutant is caught and every variant accepted")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--all-tests", action="store_true",
                   help="run every test cell for every candidate (slower; shows collateral failures)")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    _no_sandbox_option(p)

    p = sub.add_parser("check", help="student self-check: run a notebook's visible tests, exit 1 on failure")
    p.add_argument("notebooks", nargs="+", type=Path)

    p = sub.add_parser("demo", help="build, then grade three sample students per assignment and print the scores")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: demo/)")
    p.add_argument("--jobs", type=int, default=1)
    _no_sandbox_option(p)

    args = parser.parse_args(argv)
    course = Course(args.course.resolve()) if args.course else Course()
    try:
        return _run(args, course)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _gradebook_options(parser, what):
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db-url", default=None, metavar="URL",
                       help=f"gradebook {what}: any SQLAlchemy URL, e.g. sqlite:////path/gradebook.db or "
                            "postgresql+psycopg://user@host/dbname (default: CourseDirectory.db_url of "
                            "nbgrader_config.py, the course gradebook)")
    group.add_argument("--db", type=Path, default=None, metavar="PATH",
                       help="shorthand for --db-url sqlite:///PATH")


def _no_sandbox_option(parser):
    parser.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                        help="run grading kernels unconfined (default: each in a bubblewrap sandbox with its own "
                             "user, no network, capped memory, processes and CPU; see autograder/sandbox.py)")


def _run(args, course):
    if args.command == "build":
        from .build import build
        build(course, args.assignments)
    elif args.command == "validate":
        from .validate import validate
        from .report import score_table
        problems, results = validate(course, args.assignments, jobs=args.jobs, sandbox=args.sandbox)
        print(score_table(results))
        if problems:
            raise CourseError("validation failed:\n  " + "\n  ".join(problems))
        print("validation passed")
    elif args.command == "grade":
        from .grade import grade
        executor = None
        if args.dask:
            from .executors import DaskExecutor
            executor = DaskExecutor(args.dask)
        try:
            grade(course, args.submissions, args.out, assignments=args.assignments, db_path=args.db_url or args.db,
                  jobs=args.jobs, executor=executor, keep_workspaces=args.keep_workspaces, timeout=args.timeout,
                  cell_timeout=args.cell_timeout, memory_mb=args.memory_mb, sandbox=args.sandbox, quiet=args.quiet,
                  roster=args.roster)
        finally:
            if executor is not None:
                executor.close()
    elif args.command == "export":
        from .export import export
        from .gradebook import course_gradebook
        export(course, args.out, gradebook=course_gradebook(course, args.db_url or args.db),
               assignments=args.assignments and course.check_assignments(args.assignments))
    elif args.command == "mutation-report":
        from .corpus import failures, load_corpus, report, run_corpus
        outcomes = []
        for assignment in course.check_assignments(args.assignments):
            outcomes += run_corpus(course, assignment, load_corpus(course, assignment),
                                   all_tests=args.all_tests, sandbox=args.sandbox)
        print(report(outcomes, markdown=args.markdown))
        problems = failures(outcomes)
        if problems:
            raise CourseError("the grader is wrong on:\n  " + "\n  ".join(problems))
    elif args.command == "check":
        from .check import check_notebook
        return 1 if sum(check_notebook(path) for path in args.notebooks) else 0
    elif args.command == "demo":
        from .demo import demo
        demo(course, args.assignments, out_dir=args.out, jobs=args.jobs, sandbox=args.sandbox)
    return 0

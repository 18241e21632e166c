"""The course autograder: build the release, validate the reference solutions, grade
submissions one at a time in isolation, and merge results into the gradebook.

Pipeline, one module per arrow::

    assignments/ --build--> release/ --(students)--> submitted/
    submitted/ --grade (workspace.py, one submission each)--> results --merge--> gradebook.db
    gradebook (SQLite, PostgreSQL: any SQLAlchemy URL) --export--> grades.csv, grades_by_test.csv,
        mistakes.csv + mistakes.html (common mistakes, mistakes.py)
"""

"""Helpers the course notebooks import: the SIGNS loader, quiet TensorFlow set-up, and the
tamper-resistant checks that hidden tests use.

Nothing here contains a solution: students may read every line of this package.
"""

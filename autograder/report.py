"""Score tables for the terminal."""


def score_table(results):
    """A per-test-cell table: one row per (assignment, test cell), one column per student.

    ``results``: a list of :class:`~autograder.workspace.SubmissionResult`."""
    students = sorted({r.student for r in results})
    by_key = {(r.student, r.assignment): r for r in results}
    rows = [["assignment", "test", "points"] + students]
    for assignment in sorted({r.assignment for r in results}):
        any_result = next(r for r in results if r.assignment == assignment)
        for notebook, cells in any_result.max_scores.items():
            for cell, max_score in cells.items():
                row = [assignment, cell, f"{max_score:g}"]
                for student in students:
                    r = by_key.get((student, assignment))
                    row.append("-" if r is None else f"{(r.scores.get(notebook, {}).get(cell) or 0):g}")
                rows.append(row)
        total = [assignment, "TOTAL", f"{any_result.max_score:g}"]
        for student in students:
            r = by_key.get((student, assignment))
            total.append("-" if r is None else f"{r.score:g}")
        rows.append(total)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)

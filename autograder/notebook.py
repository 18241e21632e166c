"""Reading course notebooks: nbgrader cell kinds, solution regions and hidden-test lines."""
BEGIN_REGION = "### START CODE HERE ###"
END_REGION = "### END CODE HERE ###"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
#: What a student finds between the markers of an unanswered region (see nbgrader_config.py).
STUB_BODY = ("# YOUR CODE HERE", "raise NotImplementedError()")


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_grade(cell):
    return bool(nbgrader_meta(cell).get("grade"))


def is_solution(cell):
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell):
    """An autograded test cell: graded, not a solution."""
    return is_grade(cell) and not is_solution(cell) and cell.get("cell_type") == "code"


def solution_regions(source):
    """The stripped, non-empty lines of each START/END CODE HERE region, as tuples."""
    regions, current = [], None
    for line in source.splitlines():
        if BEGIN_REGION in line:
            current = []
        elif END_REGION in line:
            if current is not None:
                regions.append(tuple(current))
            current = None
        elif current is not None and line.strip():
            current.append(line.strip())
    return regions


def split_hidden(source):
    """``[(number, line, hidden)]`` for every line of ``source`` (numbered from 1) but the
    hidden-block markers: ``hidden`` is True inside a ``### BEGIN/END HIDDEN TESTS`` block (an
    unclosed block hides the rest)."""
    out, inside = [], False
    for number, line in enumerate(source.splitlines(), 1):
        if BEGIN_HIDDEN in line:
            inside = True
        elif END_HIDDEN in line:
            inside = False
        else:
            out.append((number, line, inside))
    return out


def hidden_test_lines(source):
    """Stripped lines inside hidden-test blocks that do not also appear outside them."""
    kept = [(line.strip(), inside) for _, line, inside in split_hidden(source) if line.strip()]
    return {line for line, inside in kept if inside} - {line for line, inside in kept if not inside}


def visible_part(source):
    """``source`` without its hidden-test blocks (an unclosed block hides the rest)."""
    return "\n".join(line for _, line, inside in split_hidden(source) if not inside)

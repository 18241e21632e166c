"""zeros of X's dtype, the picture copied into the middle (right for pad 0 too); its comment
quotes the hidden-test marker, which once broke feedback (issue 15): validate grades this
variant through nbgrader autograde and generate_feedback."""
# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    # my note: in a test cell, what follows "### BEGIN HIDDEN TESTS" is hidden from students
    (m, n_H, n_W, n_C) = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad:pad + n_H, pad:pad + n_W, :] = X
    ### END CODE HERE ###

    return X_pad

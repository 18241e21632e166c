"""no np.pad: zero blocks concatenated above, below, left and right."""
# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    m, n_H, n_W, n_C = X.shape
    rows = np.zeros((m, pad, n_W, n_C), dtype=X.dtype)
    X_pad = np.concatenate([rows, X, rows], axis=1)
    cols = np.zeros((m, n_H + 2 * pad, pad, n_C), dtype=X.dtype)
    X_pad = np.concatenate([cols, X_pad, cols], axis=2)
    ### END CODE HERE ###

    return X_pad

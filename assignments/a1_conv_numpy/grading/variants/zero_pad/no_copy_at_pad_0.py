"""returning X itself when there is nothing to add is allowed."""
# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    if pad == 0:
        return X
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    ### END CODE HERE ###

    return X_pad

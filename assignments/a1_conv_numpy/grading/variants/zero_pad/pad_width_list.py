"""np.pad with pad_width given as a list of pairs and the default (constant zero) mode."""
# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    X_pad = np.pad(X, pad_width=[(0, 0), (pad, pad), (pad, pad), (0, 0)])
    ### END CODE HERE ###

    return X_pad

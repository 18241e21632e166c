"""every window at once with sliding_window_view, then max or mean over it."""
# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    f = hparameters["f"]
    stride = hparameters["stride"]
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    ### END CODE HERE ###

    ### START CODE HERE ###
    if mode == "max":
        A = np.max(windows, axis=(4, 5))
    elif mode == "average":
        A = np.mean(windows, axis=(4, 5))
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache

"""every example and channel of one window at once."""
# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = 1 + (n_H_prev - f) // stride
    n_W = 1 + (n_W_prev - f) // stride
    A = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            if mode == "max":
                A[:, h, w, :] = window.max(axis=(1, 2))
            else:
                A[:, h, w, :] = window.mean(axis=(1, 2))
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache

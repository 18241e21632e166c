"""the channel loop outermost, np.amax and np.average in place of max and mean."""
# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    for c in range(n_C):
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    a_prev_slice = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    if mode == "average":
                        A[i, h, w, c] = np.average(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.amax(a_prev_slice)
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache

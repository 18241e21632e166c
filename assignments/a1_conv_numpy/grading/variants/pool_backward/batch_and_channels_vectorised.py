"""every example and channel of one window at once; the mask written inline (ties kept)"""
# GRADED FUNCTION: pool_backward

def pool_backward(dA, cache, mode="max"):
    ### START CODE HERE ###
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for h in range(n_H):
        for w in range(n_W):
            rows = slice(h * stride, h * stride + f)
            cols = slice(w * stride, w * stride + f)
            grad = dA[:, h, w, :][:, np.newaxis, np.newaxis, :]
            if mode == "max":
                window = A_prev[:, rows, cols, :]
                mask = window == window.max(axis=(1, 2), keepdims=True)
                dA_prev[:, rows, cols, :] += mask * grad
            else:
                dA_prev[:, rows, cols, :] += grad / (f * f)
    ### END CODE HERE ###

    return dA_prev

"""the same loops with the filter loop outermost."""
# GRADED FUNCTION: conv_forward

def conv_forward(A_prev, W, b, hparameters):
    ### START CODE HERE ###
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    ### END CODE HERE ###

    ### START CODE HERE ###
    n_H = (n_H_prev - f + 2 * pad) // stride + 1
    n_W = (n_W_prev - f + 2 * pad) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = zero_pad(A_prev, pad)
    for c in range(n_C):
        for w in range(n_W):
            for h in range(n_H):
                for i in range(m):
                    a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[..., c], b[..., c])
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache

"""all the filters of one window at once."""
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
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                Z[i, h, w, :] = np.sum(a_slice_prev[:, :, :, np.newaxis] * W, axis=(0, 1, 2)) + b[0, 0, 0, :]
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache

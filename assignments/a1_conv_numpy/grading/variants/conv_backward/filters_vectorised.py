"""all the filters of one window at once."""
# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    ### END CODE HERE ###

    ### START CODE HERE ###
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += np.sum(W * dZ[i, h, w, :], axis=3)
                dW += a_slice[:, :, :, np.newaxis] * dZ[i, h, w, :]
                db += dZ[i, h, w, :]
        dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    ### END CODE HERE ###

    return dA_prev, dW, db

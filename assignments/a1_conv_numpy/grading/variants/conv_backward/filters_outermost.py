"""filters outermost; the padding cut with shape - pad, also right for pad 0."""
# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    (A_prev, W, b, hparameters) = cache
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    ### END CODE HERE ###

    ### START CODE HERE ###
    dW = np.zeros_like(W, dtype=np.float64)
    db = np.zeros_like(b, dtype=np.float64)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for c in range(n_C):
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    rows = slice(h * stride, h * stride + f)
                    cols = slice(w * stride, w * stride + f)
                    dA_prev_pad[i, rows, cols, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, rows, cols, :] * dZ[i, h, w, c]
        db[0, 0, 0, c] = np.sum(dZ[:, :, :, c])
    dA_prev = dA_prev_pad[:, pad:dA_prev_pad.shape[1] - pad, pad:dA_prev_pad.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev, dW, db

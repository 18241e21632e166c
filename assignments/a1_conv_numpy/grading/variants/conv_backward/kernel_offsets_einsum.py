"""loops over the f x f kernel offsets only; einsum over examples, positions and channels."""
# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] += np.einsum("mhwn,kn->mhwk", dZ, W[p, q])
            dW[p, q] = np.einsum("mhwk,mhwn->kn", A_prev_pad[:, rows, cols, :], dZ)
    db = np.sum(dZ, axis=(0, 1, 2), keepdims=True)
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    ### END CODE HERE ###

    return dA_prev, dW, db

"""one tensordot per output position, for every example and filter at once."""
# GRADED FUNCTION: conv_forward

def conv_forward(A_prev, W, b, hparameters):
    ### START CODE HERE ###
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    ### END CODE HERE ###

    ### START CODE HERE ###
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.empty((m, n_H, n_W, n_C), dtype=np.result_type(A_prev, W, b))
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = zero_pad(A_prev, pad)
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev_pad[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            Z[:, h, w, :] = np.tensordot(window, W, axes=([1, 2, 3], [0, 1, 2])) + b.reshape(n_C)
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache

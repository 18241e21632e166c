"""loops over filters outermost, accumulating every example's full convolution."""
# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    full = np.zeros((m, n_H + f - 1, n_W + f - 1, n_C_prev))
    for c in range(n_C):
        for i in range(m):
            for k in range(n_C_prev):
                full[i, :, :, k] += wide_conv2d(dZ[i, :, :, c], W[:, :, k, c])
    dA_prev = full[:, pad:full.shape[1] - pad, pad:full.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev

"""each kernel offset (a, b) adds W[a, b] times dZ, shifted by (a, b)"""
# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    (m, n_H, n_W, n_C) = dZ.shape
    (f, f, n_C_prev, n_C) = W.shape
    full = np.zeros((m, n_H + f - 1, n_W + f - 1, n_C_prev))
    for a in range(f):
        for b in range(f):
            full[:, a:a + n_H, b:b + n_W, :] += np.einsum("mhwc,kc->mhwk", dZ, W[a, b])
    dA_prev = full[:, pad:n_H + f - 1 - pad, pad:n_W + f - 1 - pad, :]
    ### END CODE HERE ###

    return dA_prev

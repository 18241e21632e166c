"""dZ padded by f - 1, correlated with the kernel rotated by 180 degrees."""
# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    f = W.shape[0]
    dZ_pad = np.pad(dZ, ((0, 0), (f - 1, f - 1), (f - 1, f - 1), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(dZ_pad, (f, f), axis=(1, 2))
    full = np.einsum("mpqcab,abkc->mpqk", windows, W[::-1, ::-1])
    dA_prev = full[:, pad:full.shape[1] - pad, pad:full.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev

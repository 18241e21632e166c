"""the padded input's windows from sliding_window_view, one einsum with the flipped kernel."""
# GRADED FUNCTION: wide_conv2d

def wide_conv2d(x, w):
    ### START CODE HERE ###
    (k_H, k_W) = w.shape
    (n_H, n_W) = x.shape
    x_pad = np.pad(x, ((k_H - 1, k_H - 1), (k_W - 1, k_W - 1)))
    w_flipped = w[::-1, ::-1]
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (k_H, k_W))
    out = np.einsum("ijab,ab->ij", windows, w_flipped)
    ### END CODE HERE ###

    return out

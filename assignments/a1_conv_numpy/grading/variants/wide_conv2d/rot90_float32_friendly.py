"""the kernel flipped with np.rot90(w, 2)."""
# GRADED FUNCTION: wide_conv2d

def wide_conv2d(x, w):
    ### START CODE HERE ###
    (k_H, k_W) = w.shape
    (n_H, n_W) = x.shape
    x_pad = np.pad(x, ((k_H - 1, k_H - 1), (k_W - 1, k_W - 1)))
    w_flipped = np.rot90(w, 2)
    out = np.zeros((n_H + k_H - 1, n_W + k_W - 1), dtype=np.result_type(x, w))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x_pad[i:i + k_H, j:j + k_W] * w_flipped)
    ### END CODE HERE ###

    return out

"""adds a shifted, scaled copy of w for every entry of x."""
# GRADED FUNCTION: wide_conv2d

def wide_conv2d(x, w):
    ### START CODE HERE ###
    n_H, n_W = x.shape
    k_H, k_W = w.shape
    out = np.zeros((n_H + k_H - 1, n_W + k_W - 1))
    for a in range(n_H):
        for b in range(n_W):
            out[a:a + k_H, b:b + k_W] += x[a, b] * w
    ### END CODE HERE ###

    return out

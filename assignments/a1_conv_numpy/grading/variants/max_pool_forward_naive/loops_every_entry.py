"""a loop over every example and channel as well as every position."""
# GRADED FUNCTION: max_pool_forward_naive

def max_pool_forward_naive(x, pool_param):
    ### START CODE HERE ###
    N, C, H, W = x.shape
    ph, pw, s = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]
    H_out = (H - ph) // s + 1
    W_out = (W - pw) // s + 1
    out = np.empty((N, C, H_out, W_out), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    out[n, c, i, j] = x[n, c, i * s:i * s + ph, j * s:j * s + pw].max()
    ### END CODE HERE ###

    cache = (x, pool_param)
    return out, cache

"""each window reshaped to rows, then np.amax over them."""
# GRADED FUNCTION: max_pool_forward_naive

def max_pool_forward_naive(x, pool_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    pool_height = pool_param["pool_height"]
    pool_width = pool_param["pool_width"]
    stride = pool_param["stride"]
    H_out = 1 + (H - pool_height) // stride
    W_out = 1 + (W - pool_width) // stride
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + pool_height, j * stride:j * stride + pool_width]
            out[:, :, i, j] = np.amax(window.reshape(N, C, -1), axis=2)
    ### END CODE HERE ###

    cache = (x, pool_param)
    return out, cache

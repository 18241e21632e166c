"""masks of all windows at once with sliding_window_view, scattered back per kernel offset."""
# GRADED FUNCTION: pool_backward

def pool_backward(dA, cache, mode="max"):
    ### START CODE HERE ###
    (A_prev, hparameters) = cache
    f = hparameters["f"]
    stride = hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    windows = windows[:, :n_H, :n_W]
    if mode == "max":
        shares = (windows == windows.max(axis=(4, 5), keepdims=True)) * dA[:, :, :, :, np.newaxis, np.newaxis]
    else:
        shares = np.broadcast_to(dA[:, :, :, :, np.newaxis, np.newaxis] / (f * f), windows.shape)
    for p in range(f):
        for q in range(f):
            dA_prev[:, p:p + stride * (n_H - 1) + 1:stride, q:q + stride * (n_W - 1) + 1:stride, :] += shares[..., p, q]
    ### END CODE HERE ###

    return dA_prev

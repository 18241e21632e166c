"""every example and filter of one output position at once."""
# GRADED FUNCTION: conv_forward_naive

def conv_forward_naive(x, w, b, conv_param):
    ### START CODE HERE ###
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param["stride"], conv_param["pad"]
    x_pad = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    H_out = (H + 2 * pad - HH) // stride + 1
    W_out = (W + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    ### END CODE HERE ###

    cache = (x, w, b, conv_param)
    return out, cache

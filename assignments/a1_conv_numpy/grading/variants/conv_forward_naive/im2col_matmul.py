"""im2col: one row per (example, position), one matrix product."""
# GRADED FUNCTION: conv_forward_naive

def conv_forward_naive(x, w, b, conv_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    (F, C, HH, WW) = w.shape
    stride = conv_param["stride"]
    pad = conv_param["pad"]
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = np.empty((N, H_out, W_out, C * HH * WW), dtype=x_pad.dtype)
    for i in range(H_out):
        for j in range(W_out):
            cols[:, i, j, :] = x_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW].reshape(N, -1)
    out = (cols.reshape(-1, C * HH * WW) @ w.reshape(F, -1).T + b).reshape(N, H_out, W_out, F).transpose(0, 3, 1, 2)
    ### END CODE HERE ###

    cache = (x, w, b, conv_param)
    return out, cache

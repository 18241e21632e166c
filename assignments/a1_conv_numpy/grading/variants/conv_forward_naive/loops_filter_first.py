"""the loops reordered, filters outermost."""
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
    out = np.zeros((N, F, H_out, W_out))
    for f in range(F):
        for n in range(N):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    ### END CODE HERE ###

    cache = (x, w, b, conv_param)
    return out, cache

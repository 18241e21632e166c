"""Buggy sample submission for a1_conv_numpy (see docs/authoring.md): three mistakes students
really make, each in its own function. Every other function is the reference solution, so every
other test cell must keep full marks."""

BUGS = {
    # The window start forgets the stride: right for stride 1, wrong as soon as stride > 1.
    "conv_forward": {
        "source": '''# GRADED FUNCTION: conv_forward

def conv_forward(A_prev, W, b, hparameters):
    ### START CODE HERE ###
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    ### END CODE HERE ###

    ### START CODE HERE ###
    n_H = (n_H_prev - f + 2 * pad) // stride + 1
    n_W = (n_W_prev - f + 2 * pad) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache
''',
        "loses": ["test_conv_forward"],
    },
    # np.argmax marks one maximum only: wrong when the window has ties (e.g. zeros after a ReLU).
    "create_mask_from_window": {
        "source": '''# GRADED FUNCTION: create_mask_from_window

def create_mask_from_window(x):
    ### START CODE HERE ###
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    ### END CODE HERE ###

    return mask
''',
        "loses": ["test_create_mask_from_window"],
    },
    # "=" instead of "+=": overlapping windows (stride < f) overwrite each other's gradient.
    "pool_backward": {
        "source": '''# GRADED FUNCTION: pool_backward

def pool_backward(dA, cache, mode="max"):
    ### START CODE HERE ###
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] = mask * dA[i, h, w, c]
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] = distribute_value(da, (f, f))
    ### END CODE HERE ###

    return dA_prev
''',
        "loses": ["test_pool_backward"],
    },
}

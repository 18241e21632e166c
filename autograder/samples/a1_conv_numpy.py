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


# ---------------------------------------------------------------------------------------------
# The corpus (issue 6): realistic wrong implementations (MUTANTS) and other correct ones
# (VARIANTS), run by `python -m autograder mutation-report a1_conv_numpy`.
#
# Most mutants are the reference solution with one or two lines changed, the way a student's
# code differs from a right answer: `_edit(reference, (old, new), ...)` replaces every `old`
# (which must occur) by `new`. Mutants and variants whose whole body differs are written out.
# ---------------------------------------------------------------------------------------------


def _edit(source, *changes):
    for old, new in changes:
        if old not in source:
            raise ValueError(f"a1_conv_numpy corpus: {old!r} is not in the source it edits")
        source = source.replace(old, new)
    return source


_ZERO_PAD = '''# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    ### END CODE HERE ###

    return X_pad
'''

_CONV_SINGLE_STEP = '''# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    s = a_slice_prev * W
    Z = np.sum(s)
    Z = Z + b.item()
    ### END CODE HERE ###

    return Z
'''

_CONV_FORWARD = '''# GRADED FUNCTION: conv_forward

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
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

_POOL_FORWARD = '''# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache
'''

_CONV_BACKWARD = '''# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    ### END CODE HERE ###

    ### START CODE HERE ###
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    ### END CODE HERE ###

    return dA_prev, dW, db
'''

_CREATE_MASK = '''# GRADED FUNCTION: create_mask_from_window

def create_mask_from_window(x):
    ### START CODE HERE ###
    mask = (x == np.max(x))
    ### END CODE HERE ###

    return mask
'''

_DISTRIBUTE_VALUE = '''# GRADED FUNCTION: distribute_value

def distribute_value(dz, shape):
    ### START CODE HERE ###
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    ### END CODE HERE ###

    return a
'''

_POOL_BACKWARD = '''# GRADED FUNCTION: pool_backward

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
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, (f, f))
    ### END CODE HERE ###

    return dA_prev
'''

_CONV_COST = '''# GRADED FUNCTION: conv_cost

def conv_cost(input_shape, f, n_C, stride=1, pad=0):
    ### START CODE HERE ###
    (n_H_prev, n_W_prev, n_C_prev) = input_shape
    n_H = (n_H_prev - f + 2 * pad) // stride + 1
    n_W = (n_W_prev - f + 2 * pad) // stride + 1
    output_values = n_H * n_W * n_C
    multiplications = output_values * f * f * n_C_prev
    ### END CODE HERE ###

    return multiplications, output_values
'''

_WIDE_CONV2D = '''# GRADED FUNCTION: wide_conv2d

def wide_conv2d(x, w):
    ### START CODE HERE ###
    (k_H, k_W) = w.shape
    (n_H, n_W) = x.shape
    x_pad = np.pad(x, ((k_H - 1, k_H - 1), (k_W - 1, k_W - 1)))
    w_flipped = w[::-1, ::-1]
    out = np.zeros((n_H + k_H - 1, n_W + k_W - 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x_pad[i:i + k_H, j:j + k_W] * w_flipped)
    ### END CODE HERE ###

    return out
'''

_INPUT_GRADIENT_FULL_CONV = '''# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    (m, n_H, n_W, n_C) = dZ.shape
    (f, f, n_C_prev, n_C) = W.shape
    n_H_prev = n_H + f - 1 - 2 * pad
    n_W_prev = n_W + f - 1 - 2 * pad
    dA_prev = np.zeros((m, n_H_prev, n_W_prev, n_C_prev))
    for i in range(m):
        for k in range(n_C_prev):
            full = np.zeros((n_H + f - 1, n_W + f - 1))
            for c in range(n_C):
                full += wide_conv2d(dZ[i, :, :, c], W[:, :, k, c])
            dA_prev[i, :, :, k] = full[pad:pad + n_H_prev, pad:pad + n_W_prev]
    ### END CODE HERE ###

    return dA_prev
'''

_CONV_INNER_PRODUCTS = '''# GRADED FUNCTION: conv_inner_products

def conv_inner_products(A_prev, W, hparameters, Y):
    ### START CODE HERE ###
    b_zero = np.zeros((1, 1, 1, W.shape[3]))
    Z, cache = conv_forward(A_prev, W, b_zero, hparameters)
    lhs = np.sum(Z * Y)
    dA_prev, _, _ = conv_backward(Y, cache)
    rhs = np.sum(A_prev * dA_prev)
    ### END CODE HERE ###

    return lhs, rhs
'''

_CONV_FORWARD_NAIVE = '''# GRADED FUNCTION: conv_forward_naive

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
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    ### END CODE HERE ###

    cache = (x, w, b, conv_param)
    return out, cache
'''

_MAX_POOL_FORWARD_NAIVE = '''# GRADED FUNCTION: max_pool_forward_naive

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
            out[:, :, i, j] = np.max(window, axis=(2, 3))
    ### END CODE HERE ###

    cache = (x, pool_param)
    return out, cache
'''

_SPATIAL_BN_FORWARD = '''# GRADED FUNCTION: spatial_batchnorm_forward

def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    x_flat = x.transpose(0, 2, 3, 1).reshape(N * H * W, C)
    out_flat, cache = batchnorm_forward(x_flat, gamma, beta, bn_param)
    out = out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)
    ### END CODE HERE ###

    return out, cache
'''

_SPATIAL_BN_BACKWARD = '''# GRADED FUNCTION: spatial_batchnorm_backward

def spatial_batchnorm_backward(dout, cache):
    ### START CODE HERE ###
    (N, C, H, W) = dout.shape
    dout_flat = dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)
    dx_flat, dgamma, dbeta = batchnorm_backward(dout_flat, cache)
    dx = dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)
    ### END CODE HERE ###

    return dx, dgamma, dbeta
'''

# Window bounds, as the loops of part 1 write them (shared by several mutants).
_STARTS = (("vert_start = h * stride", "vert_start = h"), ("horiz_start = w * stride", "horiz_start = w"))
_ENDS = (("vert_end = vert_start + f", "vert_end = vert_start + stride"),
         ("horiz_end = horiz_start + f", "horiz_end = horiz_start + stride"))

MUTANTS = {
    "zero_pad": {
        # pads the batch axis and the height, leaves the width alone
        "pad_wrong_axes": _edit(_ZERO_PAD, ("((0, 0), (pad, pad), (pad, pad), (0, 0))",
                                            "((pad, pad), (pad, pad), (0, 0), (0, 0))")),
        # np.pad(X, pad) pads every axis, the examples and the channels too
        "pad_every_axis": _edit(_ZERO_PAD, ("((0, 0), (pad, pad), (pad, pad), (0, 0))", "pad")),
        # only after the picture (bottom and right): the picture sits in the corner
        "pad_after_only": _edit(_ZERO_PAD, ("(pad, pad), (pad, pad)", "(0, pad), (0, pad)")),
        # height only
        "pad_height_only": _edit(_ZERO_PAD, ("(pad, pad), (pad, pad)", "(pad, pad), (0, 0)")),
        # reads pad as the total border, half on each side
        "pad_halved": _edit(_ZERO_PAD, ("(pad, pad), (pad, pad)", "(pad // 2, pad // 2), (pad // 2, pad // 2)")),
        # copies into the middle with pad:-pad, empty when pad is 0
        "slice_pad_minus_pad": _edit(_ZERO_PAD, (
            '    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)\n',
            "    (m, n_H, n_W, n_C) = X.shape\n"
            "    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C))\n"
            "    X_pad[:, pad:-pad, pad:-pad, :] = X\n")),
    },
    "conv_single_step": {
        # + b keeps b's shape: a (1, 1, 1) array instead of a number
        "returns_array_111": _edit(_CONV_SINGLE_STEP, ("Z = Z + b.item()", "Z = Z + b")),
        # the classic line, which NumPy 2 rejects on a (1, 1, 1) array
        "float_of_b": _edit(_CONV_SINGLE_STEP, ("Z = Z + b.item()", "Z = Z + float(b)")),
        "bias_missing": _edit(_CONV_SINGLE_STEP, ("    Z = Z + b.item()\n", "")),
        # the bias inside the sum: added once per element of the window
        "bias_per_element": _edit(_CONV_SINGLE_STEP, ("s = a_slice_prev * W", "s = a_slice_prev * W + b"),
                                  ("    Z = Z + b.item()\n", "")),
        "mean_instead_of_sum": _edit(_CONV_SINGLE_STEP, ("Z = np.sum(s)", "Z = np.mean(s)")),
        # sums over the window but not over the channels
        "sum_spatial_axes_only": _edit(_CONV_SINGLE_STEP, ("Z = np.sum(s)", "Z = np.sum(s, axis=(0, 1))")),
        # a matrix product instead of the element-wise one
        "dot_instead_of_elementwise": _edit(_CONV_SINGLE_STEP, ("s = a_slice_prev * W", "s = np.dot(a_slice_prev, W)")),
    },
    "conv_forward": {
        "stride_ignored": _edit(_CONV_FORWARD, *_STARTS),
        "window_end_from_stride": _edit(_CONV_FORWARD, *_ENDS),
        "swapped_height_width": _edit(_CONV_FORWARD, ("(m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape",
                                                      "(m, n_W_prev, n_H_prev, n_C_prev) = A_prev.shape")),
        # one pad instead of two in the size formula
        "pad_once_in_output_size": _edit(_CONV_FORWARD, ("+ 2 * pad", "+ pad")),
        "ceil_output_size": _edit(_CONV_FORWARD,
                                  ("n_H = (n_H_prev - f + 2 * pad) // stride + 1",
                                   "n_H = int(np.ceil((n_H_prev - f + 2 * pad) / stride)) + 1"),
                                  ("n_W = (n_W_prev - f + 2 * pad) // stride + 1",
                                   "n_W = int(np.ceil((n_W_prev - f + 2 * pad) / stride)) + 1")),
        # the inner product written out, without the bias
        "bias_missing": _edit(_CONV_FORWARD, ("conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])",
                                              "np.sum(a_slice_prev * W[:, :, :, c])")),
        "bias_per_element": _edit(_CONV_FORWARD, ("conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])",
                                                  "np.sum(a_slice_prev * W[:, :, :, c] + b[:, :, :, c])")),
        # windows cut from the unpadded input
        "slices_unpadded_input": _edit(_CONV_FORWARD, (
            "a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]",
            "a_slice_prev = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, :]")),
        # np.pad written inline, on the wrong axes
        "inline_pad_wrong_axes": _edit(_CONV_FORWARD, (
            "A_prev_pad = zero_pad(A_prev, pad)",
            "A_prev_pad = np.pad(A_prev, ((pad, pad), (pad, pad), (0, 0), (0, 0)))")),
        # the cache keeps the padded input (conv_backward pads it again)
        "cache_holds_padded_input": _edit(_CONV_FORWARD, ("cache = (A_prev, W, b, hparameters)",
                                                          "cache = (A_prev_pad, W, b, hparameters)")),
    },
    "pool_forward": {
        "stride_ignored": _edit(_POOL_FORWARD, *_STARTS),
        "window_end_from_stride": _edit(_POOL_FORWARD, *_ENDS),
        "swapped_height_width": _edit(_POOL_FORWARD, ("(m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape",
                                                      "(m, n_W_prev, n_H_prev, n_C_prev) = A_prev.shape")),
        "mode_ignored": _edit(_POOL_FORWARD, (
            '''                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
''', "                    A[i, h, w, c] = np.max(a_prev_slice)\n")),
        "average_is_sum": _edit(_POOL_FORWARD, ("np.mean(a_prev_slice)", "np.sum(a_prev_slice)")),
        # the window takes every channel: one max (or mean) over all of them
        "pools_across_channels": _edit(_POOL_FORWARD, (
            "a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]",
            "a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, :]")),
        # a running maximum that starts from 0: wrong when a whole window is negative
        "max_started_at_zero": _edit(_POOL_FORWARD, (
            "A[i, h, w, c] = np.max(a_prev_slice)",
            "best = 0.0\n"
            "                        for value in a_prev_slice.flatten():\n"
            "                            if value > best:\n"
            "                                best = value\n"
            "                        A[i, h, w, c] = best")),
        "cache_holds_output": _edit(_POOL_FORWARD, ("cache = (A_prev, hparameters)", "cache = (A, hparameters)")),
    },
    "conv_backward": {
        # "=" instead of "+=": overlapping windows (stride < f) overwrite each other
        "assign_dA_instead_of_accumulate": _edit(_CONV_BACKWARD, (
            "da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += ",
            "da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] = ")),
        "assign_dW_instead_of_accumulate": _edit(_CONV_BACKWARD, ("dW[:, :, :, c] += ", "dW[:, :, :, c] = ")),
        "assign_db_instead_of_accumulate": _edit(_CONV_BACKWARD, ("db[:, :, :, c] += ", "db[:, :, :, c] = ")),
        # dW and db zeroed again for every example: only the last example counts
        "grads_reset_per_example": _edit(_CONV_BACKWARD, (
            "        a_prev_pad = A_prev_pad[i]\n",
            "        a_prev_pad = A_prev_pad[i]\n        dW = np.zeros(W.shape)\n        db = np.zeros(b.shape)\n")),
        # the 1/m habit of earlier courses: dZ already is the gradient of the cost
        "grads_averaged_over_batch": _edit(_CONV_BACKWARD, (
            "    ### END CODE HERE ###\n\n    return dA_prev, dW, db",
            "    dW = dW / m\n    db = db / m\n    ### END CODE HERE ###\n\n    return dA_prev, dW, db")),
        # pad:-pad is empty when pad is 0
        "slice_pad_minus_pad": _edit(_CONV_BACKWARD, ("da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]",
                                                      "da_prev_pad[pad:-pad, pad:-pad, :]")),
        "stride_ignored": _edit(_CONV_BACKWARD, *_STARTS),
        "window_end_from_stride": _edit(_CONV_BACKWARD, *_ENDS),
        # the input window and the filter swapped between the two gradients
        "swapped_a_and_W": _edit(_CONV_BACKWARD,
                                 ("+= W[:, :, :, c] * dZ[i, h, w, c]", "+= a_slice * dZ[i, h, w, c]"),
                                 ("dW[:, :, :, c] += a_slice * dZ[i, h, w, c]", "dW[:, :, :, c] += W[:, :, :, c] * dZ[i, h, w, c]")),
        # dW from windows of the unpadded input
        "dW_from_unpadded_input": _edit(_CONV_BACKWARD, (
            "a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]",
            "a_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, :]")),
        # db summed in one line, but with the shape (n_C,) instead of (1, 1, 1, n_C)
        "db_flat_shape": _edit(_CONV_BACKWARD, (
            "    ### END CODE HERE ###\n\n    return dA_prev, dW, db",
            "    db = np.sum(dZ, axis=(0, 1, 2))\n    ### END CODE HERE ###\n\n    return dA_prev, dW, db")),
    },
    "create_mask_from_window": {
        "argmax_only": '''# GRADED FUNCTION: create_mask_from_window

def create_mask_from_window(x):
    ### START CODE HERE ###
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    ### END CODE HERE ###

    return mask
''',
        # the maximum of each column, not of the window
        "max_per_column": _edit(_CREATE_MASK, ("np.max(x)", "np.max(x, axis=0)")),
        # the largest in absolute value
        "abs_max": _edit(_CREATE_MASK, ("(x == np.max(x))", "(np.abs(x) == np.max(np.abs(x)))")),
        # zeroes the other entries of x itself, then marks what is left
        "zeroes_input_in_place": _edit(_CREATE_MASK, ("    mask = (x == np.max(x))\n",
                                                      "    x[x < np.max(x)] = 0\n    mask = x != 0\n")),
    },
    "distribute_value": {
        "integer_division": _edit(_DISTRIBUTE_VALUE, ("dz / (n_H * n_W)", "dz // (n_H * n_W)")),
        "divides_by_sum_of_sides": _edit(_DISTRIBUTE_VALUE, ("dz / (n_H * n_W)", "dz / (n_H + n_W)")),
        "square_window_assumed": _edit(_DISTRIBUTE_VALUE, ("dz / (n_H * n_W)", "dz / (n_H * n_H)")),
        "not_divided": _edit(_DISTRIBUTE_VALUE, ("a = np.ones(shape) * average", "a = np.ones(shape) * dz")),
        # the share, but not spread into an array
        "returns_the_share_only": _edit(_DISTRIBUTE_VALUE, ("a = np.ones(shape) * average", "a = average")),
        # operator precedence: dz / n_H * n_W is (dz / n_H) * n_W
        "precedence_slip": _edit(_DISTRIBUTE_VALUE, ("dz / (n_H * n_W)", "dz / n_H * n_W")),
    },
    "pool_backward": {
        "assign_instead_of_accumulate": _edit(_POOL_BACKWARD, ("c] += ", "c] = ")),
        "stride_ignored": _edit(_POOL_BACKWARD, *_STARTS),
        "window_end_from_stride": _edit(_POOL_BACKWARD, *_ENDS),
        "swapped_height_width": _edit(_POOL_BACKWARD, ("m, n_H, n_W, n_C = dA.shape", "m, n_W, n_H, n_C = dA.shape")),
        # average mode: the mean of a window cut from dA, instead of the one entry dA[i, h, w, c]
        "mean_of_dA_window": _edit(_POOL_BACKWARD, (
            "da = dA[i, h, w, c]", "da = np.mean(dA[i, vert_start:vert_end, horiz_start:horiz_end, c])")),
        # average mode: the whole gradient to every input of the window
        "average_not_divided": _edit(_POOL_BACKWARD, ("+= distribute_value(da, (f, f))", "+= da")),
        # the mask written inline with argmax: one maximum only, wrong on ties
        "argmax_only_inline": _edit(_POOL_BACKWARD, (
            "mask = create_mask_from_window(a_prev_slice)",
            "mask = np.zeros(a_prev_slice.shape)\n"
            "                        mask[np.unravel_index(np.argmax(a_prev_slice), a_prev_slice.shape)] = 1")),
        # the window of distribute_value given dA's height and width
        "distributes_over_output_shape": _edit(_POOL_BACKWARD, ("distribute_value(da, (f, f))",
                                                                "distribute_value(da, (n_H, n_W))")),
    },
    "conv_cost": {
        "missing_input_channels": _edit(_CONV_COST, ("output_values * f * f * n_C_prev", "output_values * f * f")),
        "missing_filters": _edit(_CONV_COST, ("output_values * f * f * n_C_prev", "n_H * n_W * f * f * n_C_prev")),
        "f_not_squared": _edit(_CONV_COST, ("output_values * f * f * n_C_prev", "output_values * f * n_C_prev")),
        # counts the weights of the layer, not the multiplications
        "counts_weights": _edit(_CONV_COST, ("output_values * f * f * n_C_prev", "f * f * n_C_prev * n_C")),
        # one multiplication per output value
        "counts_outputs": _edit(_CONV_COST, ("output_values * f * f * n_C_prev", "output_values")),
        "pad_ignored": _edit(_CONV_COST, ("+ 2 * pad", "")),
        "stride_ignored": _edit(_CONV_COST, ("// stride + 1", "+ 1")),
        # "same" convolution assumed: the output has the input's size
        "same_size_assumed": _edit(_CONV_COST, (
            "    n_H = (n_H_prev - f + 2 * pad) // stride + 1\n    n_W = (n_W_prev - f + 2 * pad) // stride + 1\n",
            "    n_H, n_W = n_H_prev, n_W_prev\n")),
        "true_division": _edit(_CONV_COST, ("// stride", "/ stride")),
    },
    "wide_conv2d": {
        "kernel_not_flipped": _edit(_WIDE_CONV2D, ("w_flipped = w[::-1, ::-1]", "w_flipped = w")),
        "flipped_rows_only": _edit(_WIDE_CONV2D, ("w_flipped = w[::-1, ::-1]", "w_flipped = w[::-1, :]")),
        # k_H - 1 on every side, also left and right
        "same_padding_both_axes": _edit(_WIDE_CONV2D, ("np.pad(x, ((k_H - 1, k_H - 1), (k_W - 1, k_W - 1)))",
                                                       "np.pad(x, k_H - 1)")),
        # the "same" padding of a layer instead of the full one
        "half_kernel_padding": _edit(_WIDE_CONV2D, ("((k_H - 1, k_H - 1), (k_W - 1, k_W - 1))",
                                                    "((k_H // 2, k_H // 2), (k_W // 2, k_W // 2))")),
        "swapped_height_width": _edit(_WIDE_CONV2D, ("(k_H, k_W) = w.shape", "(k_W, k_H) = w.shape")),
        # flips the input instead of the kernel
        "flips_x_instead": _edit(_WIDE_CONV2D, ("np.pad(x, ", "np.pad(x[::-1, ::-1], "),
                                 ("w_flipped = w[::-1, ::-1]", "w_flipped = w")),
        # a "valid" convolution: no padding, smaller output
        "valid_instead_of_full": _edit(_WIDE_CONV2D, (
            "x_pad = np.pad(x, ((k_H - 1, k_H - 1), (k_W - 1, k_W - 1)))", "x_pad = x"),
            ("np.zeros((n_H + k_H - 1, n_W + k_W - 1))", "np.zeros((n_H - k_H + 1, n_W - k_W + 1))")),
    },
    "input_gradient_full_conv": {
        "crop_from_zero": _edit(_INPUT_GRADIENT_FULL_CONV, ("full[pad:pad + n_H_prev, pad:pad + n_W_prev]",
                                                             "full[:n_H_prev, :n_W_prev]")),
        "crop_pad_minus_pad": _edit(_INPUT_GRADIENT_FULL_CONV, ("full[pad:pad + n_H_prev, pad:pad + n_W_prev]",
                                                                 "full[pad:-pad, pad:-pad]")),
        # "=" instead of "+=": the last filter only
        "filters_not_summed": _edit(_INPUT_GRADIENT_FULL_CONV, ("full += wide_conv2d", "full = wide_conv2d")),
        # wide_conv2d flips the kernel already; flipping it again gives a correlation
        "kernel_flipped_again": _edit(_INPUT_GRADIENT_FULL_CONV, ("W[:, :, k, c]", "W[::-1, ::-1, k, c]")),
        "output_size_without_pad": _edit(_INPUT_GRADIENT_FULL_CONV, (" - 2 * pad", "")),
        "swapped_height_width": _edit(_INPUT_GRADIENT_FULL_CONV, ("n_W_prev = n_W + f", "n_W_prev = n_H + f"),
                                      ("n_H_prev = n_H + f", "n_H_prev = n_W + f")),
        "channel_indices_swapped": _edit(_INPUT_GRADIENT_FULL_CONV, ("W[:, :, k, c]", "W[:, :, c, k]")),
    },
    "conv_inner_products": {
        # a bias with n_C_prev entries
        "bias_wrong_channels": _edit(_CONV_INNER_PRODUCTS, ("W.shape[3]", "W.shape[2]")),
        "bias_of_ones": _edit(_CONV_INNER_PRODUCTS, ("np.zeros((1, 1, 1, W.shape[3]))", "np.ones((1, 1, 1, W.shape[3]))")),
        # backpropagates Z instead of Y
        "backward_of_Z": _edit(_CONV_INNER_PRODUCTS, ("conv_backward(Y, cache)", "conv_backward(Z, cache)")),
        # the product, not its sum
        "lhs_not_summed": _edit(_CONV_INNER_PRODUCTS, ("lhs = np.sum(Z * Y)", "lhs = Z * Y")),
        "rhs_without_A_prev": _edit(_CONV_INNER_PRODUCTS, ("rhs = np.sum(A_prev * dA_prev)", "rhs = np.sum(dA_prev)")),
        # the hyperparameters of the example cell, not the argument
        "hparameters_ignored": _edit(_CONV_INNER_PRODUCTS, ("conv_forward(A_prev, W, b_zero, hparameters)",
                                                            'conv_forward(A_prev, W, b_zero, {"stride": 1, "pad": 0})')),
    },
    "conv_forward_naive": {
        # the NHWC habit: pads the channels and the height
        "pad_wrong_axes": _edit(_CONV_FORWARD_NAIVE, ("((0, 0), (0, 0), (pad, pad), (pad, pad))",
                                                      "((0, 0), (pad, pad), (pad, pad), (0, 0))")),
        "stride_ignored": _edit(_CONV_FORWARD_NAIVE, ("i * stride", "i"), ("j * stride", "j")),
        "window_end_from_stride": _edit(_CONV_FORWARD_NAIVE, ("i * stride + HH", "i * stride + stride"),
                                        ("j * stride + WW", "j * stride + stride")),
        "bias_missing": _edit(_CONV_FORWARD_NAIVE, ("np.sum(window * w[f]) + b[f]", "np.sum(window * w[f])")),
        "bias_per_element": _edit(_CONV_FORWARD_NAIVE, ("np.sum(window * w[f]) + b[f]", "np.sum(window * w[f] + b[f])")),
        # filter height and width swapped in the window
        "filter_height_width_swapped": _edit(_CONV_FORWARD_NAIVE, ("i * stride + HH", "i * stride + WW"),
                                             ("j * stride + WW", "j * stride + HH")),
        "output_width_from_HH": _edit(_CONV_FORWARD_NAIVE, ("(W + 2 * pad - WW)", "(W + 2 * pad - HH)")),
        "cache_holds_padded_input": _edit(_CONV_FORWARD_NAIVE, ("cache = (x, w, b, conv_param)",
                                                                "cache = (x_pad, w, b, conv_param)")),
    },
    "max_pool_forward_naive": {
        "pool_height_width_swapped": _edit(_MAX_POOL_FORWARD_NAIVE, (
            "x[:, :, i * stride:i * stride + pool_height, j * stride:j * stride + pool_width]",
            "x[:, :, i * stride:i * stride + pool_width, j * stride:j * stride + pool_height]")),
        "stride_ignored": _edit(_MAX_POOL_FORWARD_NAIVE, ("i * stride", "i"), ("j * stride", "j")),
        "window_end_from_stride": _edit(_MAX_POOL_FORWARD_NAIVE, ("i * stride + pool_height", "i * stride + stride"),
                                        ("j * stride + pool_width", "j * stride + stride")),
        # the output starts at zero and keeps the larger: wrong when a window is all negative
        "max_started_at_zero": _edit(_MAX_POOL_FORWARD_NAIVE, (
            "out[:, :, i, j] = np.max(window, axis=(2, 3))",
            "out[:, :, i, j] = np.maximum(out[:, :, i, j], np.max(window, axis=(2, 3)))")),
        "swapped_height_width": _edit(_MAX_POOL_FORWARD_NAIVE, ("(N, C, H, W) = x.shape", "(N, C, W, H) = x.shape")),
        # the max over the channels and the window height
        "max_over_wrong_axes": _edit(_MAX_POOL_FORWARD_NAIVE, ("np.max(window, axis=(2, 3))",
                                                               "np.max(window, axis=(1, 2))")),
        "cache_holds_output": _edit(_MAX_POOL_FORWARD_NAIVE, ("cache = (x, pool_param)", "cache = (out, pool_param)")),
    },
    "spatial_batchnorm_forward": {
        # reshaping NCHW straight to (N*H*W, C): the columns mix channels and positions
        "reshape_without_moving_channels": _edit(_SPATIAL_BN_FORWARD,
                                                 ("x.transpose(0, 2, 3, 1).reshape(N * H * W, C)", "x.reshape(N * H * W, C)"),
                                                 ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                                  "out_flat.reshape(N, C, H, W)")),
        "back_without_moving_channels": _edit(_SPATIAL_BN_FORWARD, ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                                                    "out_flat.reshape(N, C, H, W)")),
        # back with the wrong permutation: (N, C, W, H)
        "back_transpose_wrong": _edit(_SPATIAL_BN_FORWARD, ("transpose(0, 3, 1, 2)", "transpose(0, 3, 2, 1)")),
        # channels moved first, then reshaped as if they were last
        "channels_first_reshape": _edit(_SPATIAL_BN_FORWARD,
                                        ("x.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                         "x.transpose(1, 0, 2, 3).reshape(N * H * W, C)"),
                                        ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                         "out_flat.reshape(C, N, H, W).transpose(1, 0, 2, 3)")),
        # a copy of bn_param: the running averages never reach the caller
        "bn_param_copied": _edit(_SPATIAL_BN_FORWARD, ("batchnorm_forward(x_flat, gamma, beta, bn_param)",
                                                       "batchnorm_forward(x_flat, gamma, beta, dict(bn_param))")),
        # (N, W, H, C) rows there and back: out is right, but the cache's rows are not in the (n, h, w)
        # order of the contract, so spatial_batchnorm_backward (which reshapes dout that way) goes wrong
        "rows_in_nwh_order": _edit(_SPATIAL_BN_FORWARD, ("x.transpose(0, 2, 3, 1)", "x.transpose(0, 3, 2, 1)"),
                                   ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                    "out_flat.reshape(N, W, H, C).transpose(0, 3, 2, 1)")),
    },
    "spatial_batchnorm_backward": {
        "reshape_without_moving_channels": _edit(_SPATIAL_BN_BACKWARD,
                                                 ("dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                  "dout.reshape(N * H * W, C)"),
                                                 ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                                  "dx_flat.reshape(N, C, H, W)")),
        "back_without_moving_channels": _edit(_SPATIAL_BN_BACKWARD, ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                                                     "dx_flat.reshape(N, C, H, W)")),
        "back_transpose_wrong": _edit(_SPATIAL_BN_BACKWARD, ("transpose(0, 3, 1, 2)", "transpose(0, 3, 2, 1)")),
        # rows in (n, w, h) order: they no longer match the rows of the forward pass's cache
        "rows_in_nwh_order": _edit(_SPATIAL_BN_BACKWARD,
                                   ("dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                    "dout.transpose(0, 3, 2, 1).reshape(N * H * W, C)"),
                                   ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                    "dx_flat.reshape(N, W, H, C).transpose(0, 3, 2, 1)")),
        "channels_first_reshape": _edit(_SPATIAL_BN_BACKWARD,
                                        ("dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                         "dout.transpose(1, 0, 2, 3).reshape(N * H * W, C)"),
                                        ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                         "dx_flat.reshape(C, N, H, W).transpose(1, 0, 2, 3)")),
    },
}

VARIANTS = {
    "zero_pad": {
        # zeros of X's dtype, the picture copied into the middle (right for pad 0 too); its
        # comment quotes the hidden-test marker, which once broke feedback (issue 15): validate
        # grades this variant through nbgrader autograde and generate_feedback
        "slice_assign": '''# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    # my note: in a test cell, what follows "### BEGIN HIDDEN TESTS" is hidden from students
    (m, n_H, n_W, n_C) = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad:pad + n_H, pad:pad + n_W, :] = X
    ### END CODE HERE ###

    return X_pad
''',
        "pad_width_list": _edit(_ZERO_PAD, (
            '''np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)''',
            '''np.pad(X, pad_width=[(0, 0), (pad, pad), (pad, pad), (0, 0)])''')),
        "concatenate": '''# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    m, n_H, n_W, n_C = X.shape
    rows = np.zeros((m, pad, n_W, n_C), dtype=X.dtype)
    X_pad = np.concatenate([rows, X, rows], axis=1)
    cols = np.zeros((m, n_H + 2 * pad, pad, n_C), dtype=X.dtype)
    X_pad = np.concatenate([cols, X_pad, cols], axis=2)
    ### END CODE HERE ###

    return X_pad
''',
        # returning X itself when there is nothing to add is allowed
        "no_copy_at_pad_0": '''# GRADED FUNCTION: zero_pad

def zero_pad(X, pad):
    ### START CODE HERE ###
    if pad == 0:
        return X
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    ### END CODE HERE ###

    return X_pad
''',
    },
    "conv_single_step": {
        # a NumPy scalar from einsum and indexing
        "einsum_index": '''# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    Z = np.einsum("ijk,ijk->", a_slice_prev, W) + b[0, 0, 0]
    ### END CODE HERE ###

    return Z
''',
        "squeeze": _edit(_CONV_SINGLE_STEP, ("Z = Z + b.item()", "Z = Z + np.squeeze(b)")),
        "python_float": _edit(_CONV_SINGLE_STEP, ("Z = np.sum(s)", "Z = float(np.sum(s))"),
                              ("Z = Z + b.item()", "Z = Z + float(b.item())")),
        # tensordot over all three axes gives a 0-d array
        "tensordot_0d": '''# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    Z = np.tensordot(a_slice_prev, W, axes=3) + b.reshape(())
    ### END CODE HERE ###

    return Z
''',
        "dot_of_flattened": _edit(_CONV_SINGLE_STEP, (
            "    s = a_slice_prev * W\n    Z = np.sum(s)\n",
            "    Z = np.dot(a_slice_prev.ravel(), W.ravel())\n")),
    },
    "conv_forward": {
        # all the filters of one window at once
        "filters_vectorised": _edit(_CONV_FORWARD, (
            '''                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])''',
            '''                Z[i, h, w, :] = np.sum(a_slice_prev[:, :, :, np.newaxis] * W, axis=(0, 1, 2)) + b[0, 0, 0, :]''')),
        "sliding_window_einsum": '''# GRADED FUNCTION: conv_forward

def conv_forward(A_prev, W, b, hparameters):
    ### START CODE HERE ###
    f = W.shape[0]
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(A_prev_pad, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    ### END CODE HERE ###

    ### START CODE HERE ###
    Z = np.einsum("mhwcij,ijcn->mhwn", windows, W) + b
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache
''',
        "loop_filters_first": _edit(_CONV_FORWARD, (
            '''    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])''',
            '''    for c in range(n_C):
        for w in range(n_W):
            for h in range(n_H):
                for i in range(m):
                    a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[..., c], b[..., c])''')),
        # one tensordot per output position, for every example and filter at once
        "tensordot_positions": '''# GRADED FUNCTION: conv_forward

def conv_forward(A_prev, W, b, hparameters):
    ### START CODE HERE ###
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    ### END CODE HERE ###

    ### START CODE HERE ###
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.empty((m, n_H, n_W, n_C), dtype=np.result_type(A_prev, W, b))
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = zero_pad(A_prev, pad)
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev_pad[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            Z[:, h, w, :] = np.tensordot(window, W, axes=([1, 2, 3], [0, 1, 2])) + b.reshape(n_C)
    ### END CODE HERE ###

    cache = (A_prev, W, b, hparameters)
    return Z, cache
''',
    },
    "pool_forward": {
        # every example and channel of one window at once
        "batch_and_channels_vectorised": '''# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = 1 + (n_H_prev - f) // stride
    n_W = 1 + (n_W_prev - f) // stride
    A = np.zeros((m, n_H, n_W, n_C))
    ### END CODE HERE ###

    ### START CODE HERE ###
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            if mode == "max":
                A[:, h, w, :] = window.max(axis=(1, 2))
            else:
                A[:, h, w, :] = window.mean(axis=(1, 2))
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache
''',
        "sliding_window_view": '''# GRADED FUNCTION: pool_forward

def pool_forward(A_prev, hparameters, mode="max"):
    ### START CODE HERE ###
    f = hparameters["f"]
    stride = hparameters["stride"]
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    ### END CODE HERE ###

    ### START CODE HERE ###
    if mode == "max":
        A = np.max(windows, axis=(4, 5))
    elif mode == "average":
        A = np.mean(windows, axis=(4, 5))
    ### END CODE HERE ###

    cache = (A_prev, hparameters)
    return A, cache
''',
        "channels_outside_amax_average": _edit(_POOL_FORWARD, (
            '''    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)''',
            '''    for c in range(n_C):
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    a_prev_slice = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    if mode == "average":
                        A[i, h, w, c] = np.average(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.amax(a_prev_slice)''')),
    },
    "conv_backward": {
        # all the filters of one window at once
        "filters_vectorised": _edit(_CONV_BACKWARD, (
            '''                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]''',
            '''                da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += np.sum(W * dZ[i, h, w, :], axis=3)
                dW += a_slice[:, :, :, np.newaxis] * dZ[i, h, w, :]
                db += dZ[i, h, w, :]''')),
        # loops over the f x f kernel offsets only; einsum over examples, positions and channels
        "kernel_offsets_einsum": '''# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    ### END CODE HERE ###

    ### START CODE HERE ###
    A_prev_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] += np.einsum("mhwn,kn->mhwk", dZ, W[p, q])
            dW[p, q] = np.einsum("mhwk,mhwn->kn", A_prev_pad[:, rows, cols, :], dZ)
    db = np.sum(dZ, axis=(0, 1, 2), keepdims=True)
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    ### END CODE HERE ###

    return dA_prev, dW, db
''',
        # filters outermost; the padding cut with shape - pad, also right for pad 0
        "filters_outermost": '''# GRADED FUNCTION: conv_backward

def conv_backward(dZ, cache):
    ### START CODE HERE ###
    (A_prev, W, b, hparameters) = cache
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    ### END CODE HERE ###

    ### START CODE HERE ###
    dW = np.zeros_like(W, dtype=np.float64)
    db = np.zeros_like(b, dtype=np.float64)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for c in range(n_C):
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    rows = slice(h * stride, h * stride + f)
                    cols = slice(w * stride, w * stride + f)
                    dA_prev_pad[i, rows, cols, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, rows, cols, :] * dZ[i, h, w, c]
        db[0, 0, 0, c] = np.sum(dZ[:, :, :, c])
    dA_prev = dA_prev_pad[:, pad:dA_prev_pad.shape[1] - pad, pad:dA_prev_pad.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev, dW, db
''',
    },
    "create_mask_from_window": {
        "greater_equal": _edit(_CREATE_MASK, ("(x == np.max(x))", "x >= np.max(x)")),
        "np_equal_amax": _edit(_CREATE_MASK, ("(x == np.max(x))", "np.equal(x, np.amax(x))")),
        "not_less": _edit(_CREATE_MASK, ("(x == np.max(x))", "~(x < x.max())")),
    },
    "distribute_value": {
        "np_full": _edit(_DISTRIBUTE_VALUE, (
            "    (n_H, n_W) = shape\n    average = dz / (n_H * n_W)\n    a = np.ones(shape) * average\n",
            "    a = np.full(shape, dz / np.prod(shape))\n")),
        "ones_times_dz_over_size": _edit(_DISTRIBUTE_VALUE, ("a = np.ones(shape) * average", "a = np.ones((n_H, n_W)) * dz / (n_H * n_W)")),
        # a read-only broadcast view is a correct result too
        "broadcast_to": _edit(_DISTRIBUTE_VALUE, ("a = np.ones(shape) * average", "a = np.broadcast_to(average, shape)")),
    },
    "pool_backward": {
        # every example and channel of one window at once; the mask written inline (ties kept)
        "batch_and_channels_vectorised": '''# GRADED FUNCTION: pool_backward

def pool_backward(dA, cache, mode="max"):
    ### START CODE HERE ###
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for h in range(n_H):
        for w in range(n_W):
            rows = slice(h * stride, h * stride + f)
            cols = slice(w * stride, w * stride + f)
            grad = dA[:, h, w, :][:, np.newaxis, np.newaxis, :]
            if mode == "max":
                window = A_prev[:, rows, cols, :]
                mask = window == window.max(axis=(1, 2), keepdims=True)
                dA_prev[:, rows, cols, :] += mask * grad
            else:
                dA_prev[:, rows, cols, :] += grad / (f * f)
    ### END CODE HERE ###

    return dA_prev
''',
        "helpers_channels_outermost": _edit(_POOL_BACKWARD, (
            '''    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":''',
            '''    for c in range(n_C):
        for i in range(m):
            a_prev = A_prev[i]
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for h in range(n_H):
                    vert_start = h * stride
                    vert_end = vert_start + f
                    if mode == "max":''')),
        # masks of all windows at once with sliding_window_view, scattered back per kernel offset
        "sliding_window_masks": '''# GRADED FUNCTION: pool_backward

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
''',
    },
    "conv_cost": {
        "np_prod": '''# GRADED FUNCTION: conv_cost

def conv_cost(input_shape, f, n_C, stride=1, pad=0):
    ### START CODE HERE ###
    n_H_prev, n_W_prev, n_C_prev = input_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    output_values = np.prod([n_H, n_W, n_C])
    multiplications = np.prod([n_H, n_W, n_C, f, f, n_C_prev], dtype=np.int64)
    ### END CODE HERE ###

    return multiplications, output_values
''',
        "math_floor": _edit(_CONV_COST, ("    (n_H_prev, n_W_prev, n_C_prev) = input_shape\n",
                                         "    import math\n    (n_H_prev, n_W_prev, n_C_prev) = input_shape\n"),
                            ("(n_H_prev - f + 2 * pad) // stride + 1", "math.floor((n_H_prev - f + 2 * pad) / stride) + 1"),
                            ("(n_W_prev - f + 2 * pad) // stride + 1", "math.floor((n_W_prev - f + 2 * pad) / stride) + 1")),
        "per_value_cost": _edit(_CONV_COST, ("    multiplications = output_values * f * f * n_C_prev\n",
                                             "    per_value = f * f * n_C_prev\n    multiplications = per_value * output_values\n")),
    },
    "wide_conv2d": {
        # adds a shifted, scaled copy of w for every entry of x
        "scatter_add": '''# GRADED FUNCTION: wide_conv2d

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
''',
        "sliding_window_einsum": _edit(_WIDE_CONV2D, (
            '''    out = np.zeros((n_H + k_H - 1, n_W + k_W - 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x_pad[i:i + k_H, j:j + k_W] * w_flipped)''',
            '''    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (k_H, k_W))
    out = np.einsum("ijab,ab->ij", windows, w_flipped)''')),
        "rot90_float32_friendly": _edit(_WIDE_CONV2D, ("w_flipped = w[::-1, ::-1]", "w_flipped = np.rot90(w, 2)"),
                                        ("np.zeros((n_H + k_H - 1, n_W + k_W - 1))",
                                         "np.zeros((n_H + k_H - 1, n_W + k_W - 1), dtype=np.result_type(x, w))")),
        # the product of the zero-padded Fourier transforms
        "fft": '''# GRADED FUNCTION: wide_conv2d

def wide_conv2d(x, w):
    ### START CODE HERE ###
    size = (x.shape[0] + w.shape[0] - 1, x.shape[1] + w.shape[1] - 1)
    out = np.real(np.fft.ifft2(np.fft.fft2(x, size) * np.fft.fft2(w, size)))
    ### END CODE HERE ###

    return out
''',
    },
    "input_gradient_full_conv": {
        "filters_outer_loop": '''# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    full = np.zeros((m, n_H + f - 1, n_W + f - 1, n_C_prev))
    for c in range(n_C):
        for i in range(m):
            for k in range(n_C_prev):
                full[i, :, :, k] += wide_conv2d(dZ[i, :, :, c], W[:, :, k, c])
    dA_prev = full[:, pad:full.shape[1] - pad, pad:full.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev
''',
        # each kernel offset (a, b) adds W[a, b] times dZ, shifted by (a, b)
        "kernel_offsets_einsum": '''# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    (m, n_H, n_W, n_C) = dZ.shape
    (f, f, n_C_prev, n_C) = W.shape
    full = np.zeros((m, n_H + f - 1, n_W + f - 1, n_C_prev))
    for a in range(f):
        for b in range(f):
            full[:, a:a + n_H, b:b + n_W, :] += np.einsum("mhwc,kc->mhwk", dZ, W[a, b])
    dA_prev = full[:, pad:n_H + f - 1 - pad, pad:n_W + f - 1 - pad, :]
    ### END CODE HERE ###

    return dA_prev
''',
        # dZ padded by f - 1, correlated with the kernel rotated by 180 degrees
        "rotated_kernel_correlation": '''# GRADED FUNCTION: input_gradient_full_conv

def input_gradient_full_conv(dZ, W, pad):
    ### START CODE HERE ###
    f = W.shape[0]
    dZ_pad = np.pad(dZ, ((0, 0), (f - 1, f - 1), (f - 1, f - 1), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(dZ_pad, (f, f), axis=(1, 2))
    full = np.einsum("mpqcab,abkc->mpqk", windows, W[::-1, ::-1])
    dA_prev = full[:, pad:full.shape[1] - pad, pad:full.shape[2] - pad, :]
    ### END CODE HERE ###

    return dA_prev
''',
    },
    "conv_inner_products": {
        "vdot": _edit(_CONV_INNER_PRODUCTS, ("lhs = np.sum(Z * Y)", "lhs = np.vdot(Z, Y)"),
                      ("rhs = np.sum(A_prev * dA_prev)", "rhs = np.vdot(A_prev, dA_prev)")),
        "python_floats_einsum": _edit(_CONV_INNER_PRODUCTS, ("lhs = np.sum(Z * Y)", 'lhs = float(np.einsum("mhwc,mhwc->", Z, Y))'),
                                      ("rhs = np.sum(A_prev * dA_prev)", 'rhs = float(np.einsum("mhwc,mhwc->", A_prev, dA_prev))')),
        "tensordot": _edit(_CONV_INNER_PRODUCTS, ("lhs = np.sum(Z * Y)", "lhs = np.tensordot(Z, Y, axes=Z.ndim)"),
                           ("rhs = np.sum(A_prev * dA_prev)", "rhs = np.tensordot(A_prev, dA_prev, axes=4)"),
                           ("b_zero = np.zeros((1, 1, 1, W.shape[3]))", "b_zero = np.zeros(W.shape[3]).reshape(1, 1, 1, -1)")),
    },
    "conv_forward_naive": {
        # every example and filter of one output position at once
        "tensordot_positions": '''# GRADED FUNCTION: conv_forward_naive

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
''',
        "sliding_window_einsum": '''# GRADED FUNCTION: conv_forward_naive

def conv_forward_naive(x, w, b, conv_param):
    ### START CODE HERE ###
    stride = conv_param["stride"]
    pad = conv_param["pad"]
    HH, WW = w.shape[2], w.shape[3]
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("ncijab,fcab->nfij", windows, w) + b[np.newaxis, :, np.newaxis, np.newaxis]
    ### END CODE HERE ###

    cache = (x, w, b, conv_param)
    return out, cache
''',
        # im2col: one row per (example, position), one matrix product
        "im2col_matmul": '''# GRADED FUNCTION: conv_forward_naive

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
''',
        "loops_filter_first": _edit(_CONV_FORWARD_NAIVE, (
            "    for n in range(N):\n        for f in range(F):\n",
            "    for f in range(F):\n        for n in range(N):\n")),
    },
    "max_pool_forward_naive": {
        "loops_every_entry": '''# GRADED FUNCTION: max_pool_forward_naive

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
''',
        "sliding_window_view": '''# GRADED FUNCTION: max_pool_forward_naive

def max_pool_forward_naive(x, pool_param):
    ### START CODE HERE ###
    stride = pool_param["stride"]
    window = (pool_param["pool_height"], pool_param["pool_width"])
    windows = np.lib.stride_tricks.sliding_window_view(x, window, axis=(2, 3))[:, :, ::stride, ::stride]
    out = windows.max(axis=(-2, -1))
    ### END CODE HERE ###

    cache = (x, pool_param)
    return out, cache
''',
        "amax_reshaped_window": _edit(_MAX_POOL_FORWARD_NAIVE, ("np.max(window, axis=(2, 3))",
                                                                "np.amax(window.reshape(N, C, -1), axis=2)")),
    },
    "spatial_batchnorm_forward": {
        "moveaxis": _edit(_SPATIAL_BN_FORWARD, ("x.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                "np.moveaxis(x, 1, -1).reshape(-1, C)"),
                          ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                           "np.moveaxis(out_flat.reshape(N, H, W, C), -1, 1)")),
        # a (C, N*H*W) matrix transposed: the same rows, in the same (n, h, w) order
        "channels_first_matrix": _edit(_SPATIAL_BN_FORWARD, ("x.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                             "x.transpose(1, 0, 2, 3).reshape(C, -1).T"),
                                       ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                        "out_flat.T.reshape(C, N, H, W).transpose(1, 0, 2, 3)")),
        "einsum_layout": _edit(_SPATIAL_BN_FORWARD, ("x.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                     'np.einsum("nchw->nhwc", x).reshape(N * H * W, C)'),
                               ("out_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                'np.einsum("nhwc->nchw", out_flat.reshape(N, H, W, C))')),
    },
    "spatial_batchnorm_backward": {
        "moveaxis": _edit(_SPATIAL_BN_BACKWARD, ("dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                 "np.moveaxis(dout, 1, 3).reshape(-1, C)"),
                          ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                           "np.moveaxis(dx_flat.reshape(N, H, W, C), 3, 1)")),
        "channels_first_matrix": _edit(_SPATIAL_BN_BACKWARD, ("dout.transpose(0, 2, 3, 1).reshape(N * H * W, C)",
                                                              "dout.transpose(1, 0, 2, 3).reshape(C, -1).T"),
                                       ("dx_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)",
                                        "dx_flat.T.reshape(C, N, H, W).transpose(1, 0, 2, 3)")),
        # the batchnorm backward formula written out in NCHW from the cache's pieces
        "direct_formula": '''# GRADED FUNCTION: spatial_batchnorm_backward

def spatial_batchnorm_backward(dout, cache):
    ### START CODE HERE ###
    (N, C, H, W) = dout.shape
    x_hat_flat, gamma, inv_std = cache
    x_hat = x_hat_flat.reshape(N, H, W, C).transpose(0, 3, 1, 2)
    axes = (0, 2, 3)
    count = N * H * W
    dbeta = dout.sum(axis=axes)
    dgamma = (dout * x_hat).sum(axis=axes)
    dx_hat = dout * gamma.reshape(1, C, 1, 1)
    dx = inv_std.reshape(1, C, 1, 1) / count * (count * dx_hat - dx_hat.sum(axis=axes, keepdims=True)
                                                - x_hat * (dx_hat * x_hat).sum(axis=axes, keepdims=True))
    ### END CODE HERE ###

    return dx, dgamma, dbeta
''',
    },
}

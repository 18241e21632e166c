"""Known-good versions of the notebook's functions, for hidden tests only (never released).

A hidden block asks for some with ``trusted_helpers = checks.trusted("zero_pad", ...)``; the
grader inlines them into that cell, renamed ``_trusted_<name>`` (see autograder/trusted.py).
A test cell never asks for the function it grades, nor for one that calls it.
"""
import numpy as np


def zero_pad(X, pad):
    """X (m, n_H, n_W, n_C) -> (m, n_H + 2 pad, n_W + 2 pad, n_C), zeros around each picture."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def conv_single_step(a_slice_prev, W, b):
    """a_slice_prev and W (f, f, n_C_prev), b (1, 1, 1) -> a Python float."""
    return float(np.sum(a_slice_prev * W)) + float(np.asarray(b, dtype=np.float64).reshape(()))


def conv_forward(A_prev, W, b, hparameters):
    """A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C),
    hparameters {"stride", "pad"} -> (Z (m, n_H, n_W, n_C) float64, cache (A_prev, W, b, hparameters))."""
    stride, pad = hparameters["stride"], hparameters["pad"]
    f, n_C = W.shape[0], W.shape[3]
    A_pad = zero_pad(np.asarray(A_prev, dtype=np.float64), pad)
    n_H = (A_pad.shape[1] - f) // stride + 1
    n_W = (A_pad.shape[2] - f) // stride + 1
    Z = np.zeros((A_prev.shape[0], n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            window = A_pad[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            Z[:, h, w, :] = (np.tensordot(window, np.asarray(W, dtype=np.float64), axes=3)
                             + np.asarray(b, dtype=np.float64).reshape(n_C))
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """dZ (m, n_H, n_W, n_C), cache (A_prev, W, b, hparameters) of conv_forward ->
    (dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C), db (1, 1, 1, n_C))."""
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    dZ, A_prev, W = (np.asarray(v, dtype=np.float64) for v in (dZ, A_prev, W))
    f = W.shape[0]
    A_pad = zero_pad(A_prev, pad)
    dA_pad = np.zeros(A_pad.shape)
    dW = np.zeros(W.shape)
    for h in range(dZ.shape[1]):
        for w in range(dZ.shape[2]):
            rows = slice(h * stride, h * stride + f)
            cols = slice(w * stride, w * stride + f)
            dA_pad[:, rows, cols, :] += np.tensordot(dZ[:, h, w, :], W, axes=([1], [3]))
            dW += np.tensordot(A_pad[:, rows, cols, :], dZ[:, h, w, :], axes=([0], [0]))
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    return dA_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1)


def pool_forward(A_prev, hparameters, mode="max"):
    """A_prev (m, n_H_prev, n_W_prev, n_C), hparameters {"f", "stride"}, mode "max" or "average"
    -> (A (m, n_H, n_W, n_C) float64, cache (A_prev, hparameters))."""
    f, stride = hparameters["f"], hparameters["stride"]
    A_prev = np.asarray(A_prev, dtype=np.float64)
    n_H = (A_prev.shape[1] - f) // stride + 1
    n_W = (A_prev.shape[2] - f) // stride + 1
    A = np.zeros((A_prev.shape[0], n_H, n_W, A_prev.shape[3]))
    for h in range(n_H):
        for w in range(n_W):
            window = A_prev[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            A[:, h, w, :] = window.max(axis=(1, 2)) if mode == "max" else window.mean(axis=(1, 2))
    return A, (A_prev, hparameters)


def create_mask_from_window(x):
    """x (f, f) -> boolean mask (f, f), True where x holds its maximum."""
    return x == np.max(x)


def distribute_value(dz, shape):
    """dz a number, shape (n_H, n_W) -> array of that shape, every entry dz / (n_H * n_W)."""
    return np.full(shape, dz / (shape[0] * shape[1]), dtype=np.float64)


def wide_conv2d(x, w):
    """x (H, W), w (kH, kW) -> the full ("wide") 2-D convolution, shape (H + kH - 1, W + kW - 1)."""
    out = np.zeros((x.shape[0] + w.shape[0] - 1, x.shape[1] + w.shape[1] - 1))
    for a in range(x.shape[0]):
        for b in range(x.shape[1]):
            out[a:a + w.shape[0], b:b + w.shape[1]] += x[a, b] * w
    return out


def batchnorm_forward(x, gamma, beta, bn_param):
    """x (N, D), gamma and beta (D,), bn_param {"mode", "eps"?, "momentum"?, running averages?}
    -> (out (N, D), cache (x_hat (N, D), gamma (D,), inv_std (D,)) in training mode, None in
    test mode); updates bn_param's running averages in training mode."""
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    D = x.shape[1]
    running_mean = bn_param.get("running_mean", np.zeros(D))
    running_var = bn_param.get("running_var", np.ones(D))
    if bn_param["mode"] == "train":
        mu, var = x.mean(axis=0), x.var(axis=0)
        inv_std = 1.0 / np.sqrt(var + eps)
        x_hat = (x - mu) * inv_std
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
        return gamma * x_hat + beta, (x_hat, gamma, inv_std)
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta, None


def batchnorm_backward(dout, cache):
    """dout (N, D), cache of batchnorm_forward (training mode) -> (dx (N, D), dgamma (D,), dbeta (D,))."""
    x_hat, gamma, inv_std = cache
    n = dout.shape[0]
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)


def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    """x (N, C, H, W), gamma and beta (C,), bn_param as for batchnorm_forward -> (out (N, C, H, W),
    the cache batchnorm_forward returns for x moved to (N, H, W, C) and reshaped to (N*H*W, C))."""
    N, C, H, W = x.shape
    out, cache = batchnorm_forward(x.transpose(0, 2, 3, 1).reshape(N * H * W, C), gamma, beta, bn_param)
    return out.reshape(N, H, W, C).transpose(0, 3, 1, 2), cache

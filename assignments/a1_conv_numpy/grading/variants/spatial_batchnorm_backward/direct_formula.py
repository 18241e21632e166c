"""the batchnorm backward formula written out in NCHW from the cache's pieces."""
# GRADED FUNCTION: spatial_batchnorm_backward

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

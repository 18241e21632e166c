"""a (C, N*H*W) matrix transposed: the same rows, in the same (n, h, w) order."""
# GRADED FUNCTION: spatial_batchnorm_backward

def spatial_batchnorm_backward(dout, cache):
    ### START CODE HERE ###
    (N, C, H, W) = dout.shape
    dout_flat = dout.transpose(1, 0, 2, 3).reshape(C, -1).T
    dx_flat, dgamma, dbeta = batchnorm_backward(dout_flat, cache)
    dx = dx_flat.T.reshape(C, N, H, W).transpose(1, 0, 2, 3)
    ### END CODE HERE ###

    return dx, dgamma, dbeta

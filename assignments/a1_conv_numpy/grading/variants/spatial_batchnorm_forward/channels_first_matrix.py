"""a (C, N*H*W) matrix transposed: the same rows, in the same (n, h, w) order."""
# GRADED FUNCTION: spatial_batchnorm_forward

def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    x_flat = x.transpose(1, 0, 2, 3).reshape(C, -1).T
    out_flat, cache = batchnorm_forward(x_flat, gamma, beta, bn_param)
    out = out_flat.T.reshape(C, N, H, W).transpose(1, 0, 2, 3)
    ### END CODE HERE ###

    return out, cache

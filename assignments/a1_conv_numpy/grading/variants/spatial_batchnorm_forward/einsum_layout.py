"""the layout changes written as einsum index permutations."""
# GRADED FUNCTION: spatial_batchnorm_forward

def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    x_flat = np.einsum("nchw->nhwc", x).reshape(N * H * W, C)
    out_flat, cache = batchnorm_forward(x_flat, gamma, beta, bn_param)
    out = np.einsum("nhwc->nchw", out_flat.reshape(N, H, W, C))
    ### END CODE HERE ###

    return out, cache

"""np.moveaxis instead of transpose to put the channels last and back."""
# GRADED FUNCTION: spatial_batchnorm_forward

def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    ### START CODE HERE ###
    (N, C, H, W) = x.shape
    x_flat = np.moveaxis(x, 1, -1).reshape(-1, C)
    out_flat, cache = batchnorm_forward(x_flat, gamma, beta, bn_param)
    out = np.moveaxis(out_flat.reshape(N, H, W, C), -1, 1)
    ### END CODE HERE ###

    return out, cache

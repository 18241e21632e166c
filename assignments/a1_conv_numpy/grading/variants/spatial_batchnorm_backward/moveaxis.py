"""np.moveaxis instead of transpose to put the channels last and back."""
# GRADED FUNCTION: spatial_batchnorm_backward

def spatial_batchnorm_backward(dout, cache):
    ### START CODE HERE ###
    (N, C, H, W) = dout.shape
    dout_flat = np.moveaxis(dout, 1, 3).reshape(-1, C)
    dx_flat, dgamma, dbeta = batchnorm_backward(dout_flat, cache)
    dx = np.moveaxis(dx_flat.reshape(N, H, W, C), 3, 1)
    ### END CODE HERE ###

    return dx, dgamma, dbeta

"""the bias made a number with np.squeeze instead of .item()."""
# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    s = a_slice_prev * W
    Z = np.sum(s)
    Z = Z + np.squeeze(b)
    ### END CODE HERE ###

    return Z

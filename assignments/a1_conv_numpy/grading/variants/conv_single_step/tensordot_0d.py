"""tensordot over all three axes gives a 0-d array."""
# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    Z = np.tensordot(a_slice_prev, W, axes=3) + b.reshape(())
    ### END CODE HERE ###

    return Z

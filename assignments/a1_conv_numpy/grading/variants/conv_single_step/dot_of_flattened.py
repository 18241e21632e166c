"""one dot product of the flattened window and filter."""
# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    Z = np.dot(a_slice_prev.ravel(), W.ravel())
    Z = Z + b.item()
    ### END CODE HERE ###

    return Z

"""Python floats for the sum and the bias."""
# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    s = a_slice_prev * W
    Z = float(np.sum(s))
    Z = Z + float(b.item())
    ### END CODE HERE ###

    return Z

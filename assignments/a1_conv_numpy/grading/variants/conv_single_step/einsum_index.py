"""a NumPy scalar from einsum and indexing."""
# GRADED FUNCTION: conv_single_step

def conv_single_step(a_slice_prev, W, b):
    ### START CODE HERE ###
    Z = np.einsum("ijk,ijk->", a_slice_prev, W) + b[0, 0, 0]
    ### END CODE HERE ###

    return Z

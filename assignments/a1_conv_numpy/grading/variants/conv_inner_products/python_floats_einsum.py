"""the inner products as einsum sums, returned as Python floats."""
# GRADED FUNCTION: conv_inner_products

def conv_inner_products(A_prev, W, hparameters, Y):
    ### START CODE HERE ###
    b_zero = np.zeros((1, 1, 1, W.shape[3]))
    Z, cache = conv_forward(A_prev, W, b_zero, hparameters)
    lhs = float(np.einsum("mhwc,mhwc->", Z, Y))
    dA_prev, _, _ = conv_backward(Y, cache)
    rhs = float(np.einsum("mhwc,mhwc->", A_prev, dA_prev))
    ### END CODE HERE ###

    return lhs, rhs

"""the counts as np.prod of the sizes (int64 for the multiplications)."""
# GRADED FUNCTION: conv_cost

def conv_cost(input_shape, f, n_C, stride=1, pad=0):
    ### START CODE HERE ###
    n_H_prev, n_W_prev, n_C_prev = input_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    output_values = np.prod([n_H, n_W, n_C])
    multiplications = np.prod([n_H, n_W, n_C, f, f, n_C_prev], dtype=np.int64)
    ### END CODE HERE ###

    return multiplications, output_values

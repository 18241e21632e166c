"""the cost of one output value first, then times the number of values."""
# GRADED FUNCTION: conv_cost

def conv_cost(input_shape, f, n_C, stride=1, pad=0):
    ### START CODE HERE ###
    (n_H_prev, n_W_prev, n_C_prev) = input_shape
    n_H = (n_H_prev - f + 2 * pad) // stride + 1
    n_W = (n_W_prev - f + 2 * pad) // stride + 1
    output_values = n_H * n_W * n_C
    per_value = f * f * n_C_prev
    multiplications = per_value * output_values
    ### END CODE HERE ###

    return multiplications, output_values

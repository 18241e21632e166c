"""the output size with math.floor of a true division."""
# GRADED FUNCTION: conv_cost

def conv_cost(input_shape, f, n_C, stride=1, pad=0):
    ### START CODE HERE ###
    import math
    (n_H_prev, n_W_prev, n_C_prev) = input_shape
    n_H = math.floor((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = math.floor((n_W_prev - f + 2 * pad) / stride) + 1
    output_values = n_H * n_W * n_C
    multiplications = output_values * f * f * n_C_prev
    ### END CODE HERE ###

    return multiplications, output_values

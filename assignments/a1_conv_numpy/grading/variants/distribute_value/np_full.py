"""np.full with the share, in one call."""
# GRADED FUNCTION: distribute_value

def distribute_value(dz, shape):
    ### START CODE HERE ###
    a = np.full(shape, dz / np.prod(shape))
    ### END CODE HERE ###

    return a

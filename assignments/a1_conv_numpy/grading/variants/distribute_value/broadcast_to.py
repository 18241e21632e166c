"""a read-only broadcast view is a correct result too."""
# GRADED FUNCTION: distribute_value

def distribute_value(dz, shape):
    ### START CODE HERE ###
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.broadcast_to(average, shape)
    ### END CODE HERE ###

    return a

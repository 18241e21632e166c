"""ones of the window's shape times dz, divided afterwards."""
# GRADED FUNCTION: distribute_value

def distribute_value(dz, shape):
    ### START CODE HERE ###
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones((n_H, n_W)) * dz / (n_H * n_W)
    ### END CODE HERE ###

    return a

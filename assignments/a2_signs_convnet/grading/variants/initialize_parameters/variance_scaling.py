"""Glorot uniform spelled as variance scaling (scale 1, fan_avg, uniform), seed 0."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)  # graph-level seed, so that everyone gets the same numbers

    ### START CODE HERE ###
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0))
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0))
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

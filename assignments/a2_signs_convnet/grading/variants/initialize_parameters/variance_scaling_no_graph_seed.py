"""Glorot-uniform through its general form."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """

    ### START CODE HERE ###
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0))
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0))
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

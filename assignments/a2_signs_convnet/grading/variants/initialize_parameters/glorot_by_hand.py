"""Glorot's limit written out: the same uniform op with the same seed."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)  # graph-level seed, so that everyone gets the same numbers

    ### START CODE HERE ###
    def glorot(shape):
        fan_in = shape[0] * shape[1] * shape[2]
        fan_out = shape[0] * shape[1] * shape[3]
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return tf.Variable(tf.random.uniform(shape, -limit, limit, seed=0))
    W1 = glorot([4, 4, 3, 8])
    W2 = glorot([2, 2, 8, 16])
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

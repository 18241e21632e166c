"""by hand: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out))"""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """

    ### START CODE HERE ###
    def glorot(name, shape):
        fan_in, fan_out = shape[0] * shape[1] * shape[2], shape[0] * shape[1] * shape[3]
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        return tf.compat.v1.get_variable(name, shape,
                                         initializer=tf.compat.v1.random_uniform_initializer(-limit, limit, seed=0))
    W1 = glorot("W1", [4, 4, 3, 8])
    W2 = glorot("W2", [2, 2, 8, 16])
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

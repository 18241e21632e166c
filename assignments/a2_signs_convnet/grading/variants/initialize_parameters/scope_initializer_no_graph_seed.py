"""one initializer for a whole variable scope."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """

    ### START CODE HERE ###
    with tf.compat.v1.variable_scope("conv", initializer=tf.compat.v1.glorot_uniform_initializer(seed=0)):
        W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8])
        W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16])
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

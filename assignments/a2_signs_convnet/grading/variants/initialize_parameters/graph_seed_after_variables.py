"""Issue 15: students who rewrite the whole function and drop the given graph-seed line. The graph
seed is the caller's (model and the test set it before the call), so these draw the course
values too. the graph seed set again after the variables exist: it changes nothing."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """

    ### START CODE HERE ###
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    tf.compat.v1.set_random_seed(1)
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

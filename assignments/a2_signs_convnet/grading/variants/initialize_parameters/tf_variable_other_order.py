"""tf.Variable of the seeded v1 Glorot initializer, W2 created before W1."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)  # graph-level seed, so that everyone gets the same numbers

    ### START CODE HERE ###
    glorot = tf.compat.v1.glorot_uniform_initializer(seed=0)
    W2 = tf.Variable(glorot([2, 2, 8, 16]), name="W2")
    W1 = tf.Variable(glorot([4, 4, 3, 8]), name="W1")
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

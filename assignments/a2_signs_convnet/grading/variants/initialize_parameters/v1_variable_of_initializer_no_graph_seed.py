"""a tf.compat.v1.Variable holding the initializer's tensor."""
def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """

    ### START CODE HERE ###
    glorot = tf.compat.v1.glorot_uniform_initializer(seed=0)
    W1 = tf.compat.v1.Variable(glorot([4, 4, 3, 8]), name="W1")
    W2 = tf.compat.v1.Variable(glorot([2, 2, 8, 16]), name="W2")
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters

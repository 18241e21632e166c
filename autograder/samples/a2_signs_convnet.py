"""Buggy sample submission for a2_signs_convnet (see docs/authoring.md): three mistakes students
really make, each in its own function. Every other function is the reference solution, so every
other test cell must keep full marks (test_model grades `model` with trusted copies of the other
functions, so these bugs must not reach it)."""

BUGS = {
    # The second max-pool with "VALID": identical to "SAME" on 64x64 pictures (8 is a multiple
    # of 4), so the example cell looks right; on 72x56 pictures the pooled windows differ.
    "forward_propagation": {
        "source": '''def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    A1 = tf.nn.relu(Z1)
    P1 = tf.nn.max_pool2d(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    A2 = tf.nn.relu(Z2)
    P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="VALID")
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
    ### END CODE HERE ###

    return Z3
''',
        "loses": ["test_forward_propagation"],
    },
    # The TF2 habit: a Keras GlorotUniform(seed=0) instead of the tf.compat.v1 initializer.
    # Same distribution and shapes, but other numbers than the contract's seeded figures.
    "initialize_parameters": {
        "source": '''def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)

    ### START CODE HERE ###
    initializer = tf.keras.initializers.GlorotUniform(seed=0)
    W1 = tf.Variable(initializer([4, 4, 3, 8]), name="W1")
    W2 = tf.Variable(initializer([2, 2, 8, 16]), name="W2")
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters
''',
        "loses": ["test_initialize_parameters"],
    },
    # A softmax before softmax_cross_entropy_with_logits, which applies its own: a softmax of
    # probabilities, so the cost is wrong (and flatter: learning slows down).
    "compute_cost": {
        "source": '''def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    probabilities = tf.nn.softmax(Z3)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=probabilities))
    ### END CODE HERE ###
    return cost
''',
        "loses": ["test_compute_cost"],
    },
}

"""ReLU and max-pool commute (ReLU is increasing): pooling first is the same function."""
def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    P1 = tf.nn.relu(tf.nn.max_pool2d(Z1, ksize=8, strides=8, padding="SAME"))
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    P2 = tf.nn.relu(tf.nn.pool(Z2, window_shape=[4, 4], pooling_type="MAX", strides=[4, 4], padding="SAME"))
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
    ### END CODE HERE ###

    return Z3

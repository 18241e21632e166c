"""compat.v1 conv and pool ops, then its own dense layer on a reshape (the test pins its weights)."""
def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    A1 = tf.nn.relu(tf.compat.v1.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME"))
    P1 = tf.compat.v1.nn.max_pool(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    A2 = tf.nn.relu(tf.nn.conv2d(P1, W2, 1, "SAME"))
    P2 = tf.nn.max_pool(A2, ksize=4, strides=4, padding="SAME")
    n = P2.shape[1] * P2.shape[2] * P2.shape[3]
    F = tf.reshape(P2, [-1, n])
    W3 = tf.compat.v1.get_variable("W3", [n, 6], initializer=tf.compat.v1.random_normal_initializer(stddev=0.1))
    b3 = tf.compat.v1.get_variable("b3", [6], initializer=tf.compat.v1.zeros_initializer())
    Z3 = tf.matmul(F, W3) + b3
    ### END CODE HERE ###

    return Z3

"""the TF2 habit: Keras layers for the flatten and the fully connected layer."""
def forward_propagation(X, parameters):
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
    P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="SAME")
    F = tf.keras.layers.Flatten()(P2)
    Z3 = tf.keras.layers.Dense(6)(F)
    ### END CODE HERE ###

    return Z3

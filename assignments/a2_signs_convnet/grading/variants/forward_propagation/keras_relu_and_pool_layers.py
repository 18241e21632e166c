"""Keras ReLU and MaxPooling2D layers in place of tf.nn ops."""
def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    A1 = tf.keras.layers.ReLU()(Z1)
    P1 = tf.keras.layers.MaxPool2D(pool_size=8, strides=8, padding="same")(A1)
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    A2 = tf.keras.layers.Activation("relu")(Z2)
    P2 = tf.keras.layers.MaxPooling2D((4, 4), padding="same")(A2)
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
    ### END CODE HERE ###

    return Z3

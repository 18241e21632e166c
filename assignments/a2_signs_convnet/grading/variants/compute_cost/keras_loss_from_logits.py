"""the Keras categorical cross-entropy with from_logits=True."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    cost = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(Y, Z3)
    ### END CODE HERE ###
    return cost

"""tf.nn.log_softmax over the last axis, summed with the labels."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    cost = tf.reduce_mean(-tf.reduce_sum(Y * tf.nn.log_softmax(Z3, axis=-1), axis=-1))
    ### END CODE HERE ###
    return cost

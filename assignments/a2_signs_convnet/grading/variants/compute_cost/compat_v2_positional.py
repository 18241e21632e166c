"""the compat.v1 softmax_cross_entropy_with_logits_v2, arguments by position."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    cost = tf.reduce_mean(tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2(Y, Z3))
    ### END CODE HERE ###
    return cost

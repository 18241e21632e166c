"""the sparse loss on the labels' argmax."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    labels = tf.argmax(Y, axis=1)
    cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=Z3))
    ### END CODE HERE ###
    return cost

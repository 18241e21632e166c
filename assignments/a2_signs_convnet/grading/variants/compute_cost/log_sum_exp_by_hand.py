"""the cross-entropy written out with reduce_logsumexp."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    per_example = tf.reduce_logsumexp(Z3, axis=1) - tf.reduce_sum(Y * Z3, axis=1)
    cost = tf.reduce_mean(per_example)
    ### END CODE HERE ###
    return cost

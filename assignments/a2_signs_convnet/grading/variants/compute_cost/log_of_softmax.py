"""the cross-entropy written out: log of the softmax, summed per example, averaged."""
def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    cost = -tf.reduce_mean(tf.reduce_sum(Y * tf.math.log(tf.nn.softmax(Z3)), axis=1))
    ### END CODE HERE ###
    return cost

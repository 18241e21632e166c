"""the shapes given as tf.TensorShape objects."""
def create_placeholders(n_H0, n_W0, n_C0, n_y):
    """
    Create the placeholders of the input pictures and of their labels.
    """
    ### START CODE HERE ###
    X = tf.compat.v1.placeholder(tf.float32, tf.TensorShape([None, n_H0, n_W0, n_C0]))
    Y = tf.compat.v1.placeholder(tf.float32, tf.TensorShape([None]).concatenate([n_y]))
    ### END CODE HERE ###
    return X, Y

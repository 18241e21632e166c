"""shapes as tuples, the dtype spelled two other ways, named placeholders."""
def create_placeholders(n_H0, n_W0, n_C0, n_y):
    """
    Create the placeholders of the input pictures and of their labels.
    """
    ### START CODE HERE ###
    X = tf.compat.v1.placeholder("float32", (None, n_H0, n_W0, n_C0), name="X")
    Y = tf.compat.v1.placeholder(dtype=tf.dtypes.float32, shape=(None, n_y), name="Y")
    ### END CODE HERE ###
    return X, Y

"""the shortcut built first, with tf.keras layers and a + of tensors."""
def convolutional_block(X, f, filters, stage, block, s=2):
    import tensorflow as tf
    L = tf.keras.layers
    F1, F2, F3 = filters
    # shortcut first
    S = L.Conv2D(F3, 1, strides=s, padding="same", kernel_initializer=glorot_uniform(seed=0))(X)
    S = L.BatchNormalization(axis=3)(S)
    X = L.Conv2D(F1, 1, strides=s, kernel_initializer=glorot_uniform(seed=0))(X)
    X = L.ReLU()(L.BatchNormalization(axis=3)(X))
    X = L.Conv2D(F2, (f, f), padding="same", kernel_initializer=glorot_uniform(seed=0))(X)
    X = L.ReLU()(L.BatchNormalization(axis=3)(X))
    X = L.Conv2D(F3, 1, kernel_initializer=glorot_uniform(seed=0))(X)
    X = L.BatchNormalization(axis=3)(X)
    return L.ReLU()(S + X)

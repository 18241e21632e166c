"""tf.keras layers without names, ReLU as a layer, the addition as a + of tensors."""
def identity_block(X, f, filters, stage, block):
    import tensorflow as tf
    L = tf.keras.layers
    F1, F2, F3 = filters
    shortcut = X
    init = lambda: tf.keras.initializers.GlorotUniform(seed=0)
    X = L.Conv2D(filters=F1, kernel_size=1, padding="same", kernel_initializer=init())(X)
    X = L.BatchNormalization(axis=-1)(X)
    X = L.ReLU()(X)
    X = L.Conv2D(F2, f, padding="same", kernel_initializer=init())(X)
    X = L.BatchNormalization(axis=3)(X)
    X = L.Activation(tf.nn.relu)(X)
    X = L.Conv2D(F3, 1, kernel_initializer=init())(X)
    X = L.BatchNormalization(axis=3)(X)
    return L.ReLU()(shortcut + X)

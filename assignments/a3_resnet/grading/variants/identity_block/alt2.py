"""Keras layers with names of its own and keras.layers.add."""
def identity_block(X, f, filters, stage, block):
    import keras
    F1, F2, F3 = filters
    g = keras.initializers.glorot_uniform(seed=0)
    A = keras.layers.Conv2D(F1, (1, 1), kernel_initializer=g, name=f"s{stage}{block}_1")(X)
    A = keras.layers.BatchNormalization(axis=3, name=f"s{stage}{block}_bn1")(A)
    A = keras.layers.Activation("relu")(A)
    A = keras.layers.Conv2D(F2, (f, f), padding="same", kernel_initializer=g, name=f"s{stage}{block}_2")(A)
    A = keras.layers.BatchNormalization(axis=3, name=f"s{stage}{block}_bn2")(A)
    A = keras.layers.Activation("relu")(A)
    A = keras.layers.Conv2D(F3, (1, 1), kernel_initializer=g, name=f"s{stage}{block}_3")(A)
    A = keras.layers.BatchNormalization(axis=3, name=f"s{stage}{block}_bn3")(A)
    A = keras.layers.add([X, A])
    return keras.layers.Activation("relu", name=f"s{stage}{block}_out")(A)

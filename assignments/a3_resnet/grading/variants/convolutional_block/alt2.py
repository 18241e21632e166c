"""one helper for every convolution-BN(-ReLU) unit, keras.ops.add for the sum."""
def convolutional_block(X, f, filters, stage, block, s=2):
    import keras
    F1, F2, F3 = filters
    def unit(t, n, k, stride, pad, relu):
        t = keras.layers.Conv2D(n, (k, k), strides=(stride, stride), padding=pad,
                                kernel_initializer=keras.initializers.GlorotUniform(seed=0))(t)
        t = keras.layers.BatchNormalization(axis=3)(t)
        return keras.layers.Activation("relu")(t) if relu else t
    main = unit(unit(unit(X, F1, 1, s, "valid", True), F2, f, 1, "same", True), F3, 1, 1, "valid", False)
    return keras.layers.Activation("relu")(keras.ops.add(main, unit(X, F3, 1, s, "valid", False)))

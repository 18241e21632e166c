"""the stages built in a loop, the softmax as its own layer."""
def ResNet50(input_shape=(64, 64, 3), classes=6):
    import keras
    L = keras.layers
    X_input = L.Input(input_shape)
    X = L.ZeroPadding2D(padding=3)(X_input)
    X = L.Conv2D(64, 7, strides=2, kernel_initializer=keras.initializers.GlorotUniform(seed=0))(X)
    X = L.BatchNormalization(axis=3)(X)
    X = L.ReLU()(X)
    X = L.MaxPooling2D(pool_size=3, strides=2)(X)
    for stage, (filters, s, n) in enumerate([((64, 64, 256), 1, 3), ((128, 128, 512), 2, 4),
                                             ((256, 256, 1024), 2, 6), ((512, 512, 2048), 2, 3)], start=2):
        X = convolutional_block(X, 3, list(filters), stage, "a", s)
        for i in range(1, n):
            X = identity_block(X, 3, list(filters), stage, "abcdef"[i])
    X = L.AveragePooling2D(pool_size=(2, 2), strides=(2, 2), padding="valid")(X)
    X = L.Flatten()(X)
    X = L.Dense(classes, kernel_initializer=keras.initializers.GlorotUniform(seed=0))(X)
    X = L.Softmax()(X)
    return keras.Model(X_input, X)

"""every block inlined: never calls identity_block or convolutional_block."""
def ResNet50(input_shape=(64, 64, 3), classes=6):
    # everything inlined: never calls identity_block / convolutional_block
    import keras
    L = keras.layers
    g = lambda: glorot_uniform(seed=0)
    def cb(X, filters, s):
        F1, F2, F3 = filters
        S = L.BatchNormalization(axis=3)(L.Conv2D(F3, 1, strides=s, kernel_initializer=g())(X))
        X = L.Activation("relu")(L.BatchNormalization(axis=3)(L.Conv2D(F1, 1, strides=s, kernel_initializer=g())(X)))
        X = L.Activation("relu")(L.BatchNormalization(axis=3)(L.Conv2D(F2, 3, padding="same", kernel_initializer=g())(X)))
        X = L.BatchNormalization(axis=3)(L.Conv2D(F3, 1, kernel_initializer=g())(X))
        return L.Activation("relu")(L.Add()([X, S]))
    def ib(X, filters):
        F1, F2, F3 = filters
        Y = L.Activation("relu")(L.BatchNormalization(axis=3)(L.Conv2D(F1, 1, kernel_initializer=g())(X)))
        Y = L.Activation("relu")(L.BatchNormalization(axis=3)(L.Conv2D(F2, 3, padding="same", kernel_initializer=g())(Y)))
        Y = L.BatchNormalization(axis=3)(L.Conv2D(F3, 1, kernel_initializer=g())(Y))
        return L.Activation("relu")(L.Add()([X, Y]))
    inp = L.Input(shape=input_shape)
    X = L.ZeroPadding2D(((3, 3), (3, 3)))(inp)
    X = L.Conv2D(64, (7, 7), strides=(2, 2), kernel_initializer=g())(X)
    X = L.Activation("relu")(L.BatchNormalization(axis=3)(X))
    X = L.MaxPooling2D((3, 3), strides=(2, 2))(X)
    for filters, s, n in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 5), ([512, 512, 2048], 2, 2)]:
        X = cb(X, filters, s)
        for _ in range(n):
            X = ib(X, filters)
    X = L.Flatten()(L.AveragePooling2D((2, 2))(X))
    X = L.Activation("softmax")(L.Dense(classes, kernel_initializer=g())(X))
    return keras.Model(inputs=inp, outputs=X)

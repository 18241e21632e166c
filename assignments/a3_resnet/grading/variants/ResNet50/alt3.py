"""a loop over the stages, keyword arguments, the softmax as an Activation layer."""
def ResNet50(input_shape=(64, 64, 3), classes=6):
    X_input = Input(input_shape)
    X = ZeroPadding2D(padding=(3, 3))(X_input)
    X = Conv2D(filters=64, kernel_size=7, strides=2, name="conv1", kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name="bn_conv1")(X)
    X = Activation("relu")(X)
    X = MaxPooling2D(pool_size=(3, 3), strides=(2, 2))(X)
    for stage, filters, s, n_identity in ((2, (64, 64, 256), 1, 2), (3, (128, 128, 512), 2, 3),
                                          (4, (256, 256, 1024), 2, 5), (5, (512, 512, 2048), 2, 2)):
        X = convolutional_block(X, f=3, filters=filters, stage=stage, block="a", s=s)
        for i in range(n_identity):
            X = identity_block(X, f=3, filters=filters, stage=stage, block=chr(ord("b") + i))
    X = AveragePooling2D(pool_size=(2, 2))(X)
    X = Flatten()(X)
    X = Dense(units=classes, kernel_initializer=glorot_uniform(seed=0))(X)
    X = Activation("softmax")(X)
    return Model(inputs=X_input, outputs=X)

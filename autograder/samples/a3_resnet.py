"""Buggy sample submission for a3_resnet (see docs/authoring.md): two mistakes students really
make, in identity_block and ResNet50; convolutional_block is left correct so that the sample
earns partial credit. Every other function is the reference solution, so every other test cell
must keep full marks (test_ResNet50 builds ResNet50 with trusted blocks, so the block bug
cannot reach it)."""

BUGS = {
    # ReLU on the main path *before* the addition, and none after it: the block's output can be
    # negative, and the shortcut no longer passes through a ReLU with the main path.
    "identity_block": {
        "source": '''def identity_block(X, f, filters, stage, block):
    """
    Residual block whose shortcut is the input itself.
    """
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    F1, F2, F3 = filters

    X_shortcut = X

    X = Conv2D(F1, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2a",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2a")(X)
    X = Activation("relu")(X)

    ### START CODE HERE ###
    X = Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)
    X = Activation("relu")(X)
    ### END CODE HERE ###

    ### START CODE HERE ###
    X = Conv2D(F3, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2c",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2c")(X)
    X = Activation("relu")(X)
    ### END CODE HERE ###

    ### START CODE HERE ###
    X = Add()([X, X_shortcut])
    ### END CODE HERE ###

    return X
''',
        "loses": ["test_identity_block"],
    },
    # A global average pool in place of AveragePooling2D((2, 2)) + Flatten: the same numbers for a
    # 64x64 input (stage 5 is 2x2 there), other ones as soon as stage 5 is larger than 2x2.
    "ResNet50": {
        "source": '''def ResNet50(input_shape=(64, 64, 3), classes=6):
    """
    ResNet50: stem -> stages 2 to 5 of residual blocks -> average pool -> softmax classifier.
    """
    X_input = Input(shape=input_shape)

    X = ZeroPadding2D((3, 3))(X_input)
    X = Conv2D(64, (7, 7), strides=(2, 2), name="conv1", kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name="bn_conv1")(X)
    X = Activation("relu")(X)
    X = MaxPooling2D((3, 3), strides=(2, 2))(X)

    X = convolutional_block(X, f=3, filters=[64, 64, 256], stage=2, block="a", s=1)
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="b")
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="c")

    ### START CODE HERE ###
    X = convolutional_block(X, f=3, filters=[128, 128, 512], stage=3, block="a", s=2)
    for block in ["b", "c", "d"]:
        X = identity_block(X, 3, [128, 128, 512], stage=3, block=block)

    X = convolutional_block(X, f=3, filters=[256, 256, 1024], stage=4, block="a", s=2)
    for block in ["b", "c", "d", "e", "f"]:
        X = identity_block(X, 3, [256, 256, 1024], stage=4, block=block)

    X = convolutional_block(X, f=3, filters=[512, 512, 2048], stage=5, block="a", s=2)
    for block in ["b", "c"]:
        X = identity_block(X, 3, [512, 512, 2048], stage=5, block=block)

    X = keras.layers.GlobalAveragePooling2D(name="avg_pool")(X)
    X = Dense(classes, activation="softmax", name="fc" + str(classes),
              kernel_initializer=glorot_uniform(seed=0))(X)
    ### END CODE HERE ###

    model = Model(inputs=X_input, outputs=X, name="ResNet50")
    return model
''',
        "loses": ["test_ResNet50"],
    },
}

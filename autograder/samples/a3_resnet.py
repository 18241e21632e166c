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


# ---- corpus for `python -m autograder mutation-report` (see autograder/corpus.py) ----------
# The reference solution cells, as in assignments/a3_resnet/residual_networks.ipynb; every mutant
# below is one of them with one realistic mistake (a few string edits).

_IDENTITY = """def identity_block(X, f, filters, stage, block):
    '''
    Residual block whose shortcut is the input itself.

    Arguments:
    X -- input tensor of shape (m, n_H, n_W, n_C)
    f -- integer, height and width of the middle convolution's window
    filters -- list of three integers [F1, F2, F3], the numbers of filters of the three
               convolutions; F3 must equal n_C
    stage -- integer, the stage this block belongs to (only used in layer names)
    block -- string, the block's letter within its stage, e.g. 'b' (only used in layer names)

    Returns:
    X -- output tensor of shape (m, n_H, n_W, n_C)
    '''
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    F1, F2, F3 = filters

    # Keep the input: it is added back at the end
    X_shortcut = X

    # First component of the main path: 1x1 convolution, BN, ReLU (given)
    X = Conv2D(F1, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2a",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2a")(X)
    X = Activation("relu")(X)

    # Second component: f x f convolution with F2 filters, padding "same", named
    # conv_name_base + "2b"; BN named bn_name_base + "2b"; ReLU  (≈ 3 lines)
    ### START CODE HERE ###
    X = Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)
    X = Activation("relu")(X)
    ### END CODE HERE ###

    # Third component: 1x1 convolution with F3 filters, padding "valid", named
    # conv_name_base + "2c"; BN named bn_name_base + "2c"; no ReLU here  (≈ 2 lines)
    ### START CODE HERE ###
    X = Conv2D(F3, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2c",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2c")(X)
    ### END CODE HERE ###

    # Final step: add the shortcut to the main path, then apply a ReLU  (≈ 2 lines)
    ### START CODE HERE ###
    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    ### END CODE HERE ###

    return X"""

_CONVOLUTIONAL = """def convolutional_block(X, f, filters, stage, block, s=2):
    '''
    Residual block whose shortcut is a 1x1 convolution (for a change of depth or of size).

    Arguments:
    X -- input tensor of shape (m, n_H, n_W, n_C)
    f -- integer, height and width of the middle convolution's window
    filters -- list of three integers [F1, F2, F3], the numbers of filters of the three
               convolutions of the main path; the shortcut also has F3 filters
    stage -- integer, the stage this block belongs to (only used in layer names)
    block -- string, the block's letter within its stage, e.g. 'a' (only used in layer names)
    s -- integer, the stride of the first main-path convolution and of the shortcut convolution

    Returns:
    X -- output tensor of shape (m, ceil(n_H / s), ceil(n_W / s), F3)
    '''
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    F1, F2, F3 = filters

    X_shortcut = X

    # First component of the main path: 1x1 convolution with stride s, BN, ReLU (given)
    X = Conv2D(F1, kernel_size=(1, 1), strides=(s, s), padding="valid", name=conv_name_base + "2a",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2a")(X)
    X = Activation("relu")(X)

    # Second component: f x f convolution, F2 filters, stride 1, padding "same"; BN; ReLU  (≈ 3 lines)
    ### START CODE HERE ###
    X = Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)
    X = Activation("relu")(X)
    ### END CODE HERE ###

    # Third component: 1x1 convolution, F3 filters, stride 1, padding "valid"; BN  (≈ 2 lines)
    ### START CODE HERE ###
    X = Conv2D(F3, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2c",
               kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2c")(X)
    ### END CODE HERE ###

    # Shortcut: 1x1 convolution, F3 filters, stride s, padding "valid", named conv_name_base + "1";
    # BN named bn_name_base + "1"  (≈ 2 lines)
    ### START CODE HERE ###
    X_shortcut = Conv2D(F3, kernel_size=(1, 1), strides=(s, s), padding="valid", name=conv_name_base + "1",
                        kernel_initializer=glorot_uniform(seed=0))(X_shortcut)
    X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)
    ### END CODE HERE ###

    # Final step: add the shortcut to the main path, then apply a ReLU  (≈ 2 lines)
    ### START CODE HERE ###
    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    ### END CODE HERE ###

    return X"""

_RESNET50 = """def ResNet50(input_shape=(64, 64, 3), classes=6):
    '''
    ResNet50: stem -> stages 2 to 5 of residual blocks -> average pool -> softmax classifier.

    Arguments:
    input_shape -- tuple (n_H, n_W, n_C), the shape of one picture
    classes -- integer, the number of classes

    Returns:
    model -- a keras Model from a picture to `classes` probabilities
    '''
    X_input = Input(shape=input_shape)

    # Stem: pad, 7x7 convolution with stride 2, BN, ReLU, 3x3 max-pooling with stride 2
    X = ZeroPadding2D((3, 3))(X_input)
    X = Conv2D(64, (7, 7), strides=(2, 2), name="conv1", kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name="bn_conv1")(X)
    X = Activation("relu")(X)
    X = MaxPooling2D((3, 3), strides=(2, 2))(X)

    # Stage 2
    X = convolutional_block(X, f=3, filters=[64, 64, 256], stage=2, block="a", s=1)
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="b")
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="c")

    # Stage 3: a convolutional block [128, 128, 512] with s=2, then 3 identity blocks  (≈ 4 lines)
    # Stage 4: a convolutional block [256, 256, 1024] with s=2, then 5 identity blocks (≈ 6 lines)
    # Stage 5: a convolutional block [512, 512, 2048] with s=2, then 2 identity blocks (≈ 3 lines)
    # Classifier: AveragePooling2D((2, 2)) named "avg_pool", Flatten, then a Dense layer with
    # `classes` units, softmax activation and kernel_initializer=glorot_uniform(seed=0)  (≈ 3 lines)
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

    X = AveragePooling2D((2, 2), name="avg_pool")(X)
    X = Flatten()(X)
    X = Dense(classes, activation="softmax", name="fc" + str(classes),
              kernel_initializer=glorot_uniform(seed=0))(X)
    ### END CODE HERE ###

    model = Model(inputs=X_input, outputs=X, name="ResNet50")
    return model"""


def _edit(source, *pairs):
    """``source`` with each ``(old, new)`` replaced once; ``old`` must be there."""
    for old, new in pairs:
        if old not in source:
            raise ValueError(f"mutant edit does not apply: {old!r}")
        source = source.replace(old, new, 1)
    return source


MUTANTS = {
    'identity_block': {
        # ReLU fused into the f x f convolution (Conv2D(..., activation='relu')), i.e. before BN
        'id_fused_relu': {"source": _edit(_IDENTITY, ('X = Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b",\n               kernel_initializer=glorot_uniform(seed=0))(X)\n    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)\n    X = Activation("relu")(X)', 'X = Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b", activation="relu",\n               kernel_initializer=glorot_uniform(seed=0))(X)\n    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)')),
                         "loses": ['test_identity_block']},
        # ReLU on the main path before the addition and none after it
        'id_relu_before_add': {"source": _edit(_IDENTITY, ('X = Add()([X, X_shortcut])\n    X = Activation("relu")(X)', 'X = Activation("relu")(X)\n    X = Add()([X, X_shortcut])')),
                              "loses": ['test_identity_block']},
        # no ReLU after the addition
        'id_no_final_relu': {"source": _edit(_IDENTITY, ('X = Add()([X, X_shortcut])\n    X = Activation("relu")(X)', 'X = Add()([X, X_shortcut])')),
                            "loses": ['test_identity_block']},
        # BN over axis 1 (height) instead of the channels
        'id_bn_axis1': {"source": _edit(_IDENTITY, ('BatchNormalization(axis=3, name=bn_name_base + "2b")', 'BatchNormalization(axis=1, name=bn_name_base + "2b")')),
                       "loses": ['test_identity_block']},
        # an unseeded glorot_uniform() on one convolution
        'id_unseeded': {"source": _edit(_IDENTITY, ('name=conv_name_base + "2c",\n               kernel_initializer=glorot_uniform(seed=0))', 'name=conv_name_base + "2c",\n               kernel_initializer=glorot_uniform())')),
                       "loses": ['test_identity_block']},
        # a convolution without bias (use_bias=False)
        'id_no_bias': {"source": _edit(_IDENTITY, ('name=conv_name_base + "2c",\n', 'name=conv_name_base + "2c", use_bias=False,\n')),
                      "loses": ['test_identity_block']},
        # BN momentum 0.9 instead of the default 0.99 (seen only after a training step)
        'id_momentum': {"source": _edit(_IDENTITY, ('BatchNormalization(axis=3, name=bn_name_base + "2c")', 'BatchNormalization(axis=3, momentum=0.9, name=bn_name_base + "2c")')),
                       "loses": ['test_identity_block']},
        # padding 'valid' on the f x f convolution
        'id_valid_middle': {"source": _edit(_IDENTITY, ('padding="same", name=conv_name_base + "2b"', 'padding="valid", name=conv_name_base + "2b"')),
                           "loses": ['test_identity_block']},
        # a hard-coded 3 x 3 window instead of f
        'id_f_ignored': {"source": _edit(_IDENTITY, ('Conv2D(F2, kernel_size=(f, f)', 'Conv2D(F2, kernel_size=(3, 3)')),
                        "loses": ['test_identity_block']},
        # layer names that ignore stage and block (two blocks collide in one model)
        'id_hardcoded_names': {"source": _edit(_IDENTITY, ('conv_name_base = "res" + str(stage) + block + "_branch"', 'conv_name_base = "res_branch"')),
                              "loses": ['test_identity_block']},
        # layer names built from the block letter only: blocks 'b' of two stages collide
        'id_names_without_stage': {"source": _edit(_IDENTITY, ('conv_name_base = "res" + str(stage) + block + "_branch"\n    bn_name_base = "bn" + str(stage) + block + "_branch"', 'conv_name_base = "res" + block + "_branch"\n    bn_name_base = "bn" + block + "_branch"')),
                                  "loses": ['test_identity_block']},
        # BN forced into training mode (batch statistics) where the model should infer: a Model
        # called with training=False overrides it, a call with no training argument does not
        'id_bn_training_true': {"source": _edit(_IDENTITY, ('X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)', 'X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X, training=True)')),
                               "loses": ['test_identity_block']},
    },
    'convolutional_block': {
        # shortcut convolution with stride 1 instead of s
        'cb_shortcut_stride1': {"source": _edit(_CONVOLUTIONAL, ('strides=(s, s), padding="valid", name=conv_name_base + "1"', 'strides=(1, 1), padding="valid", name=conv_name_base + "1"')),
                               "loses": ['test_convolutional_block']},
        # the stride on the f x f convolution instead of the first 1 x 1
        'cb_stride_middle': {"source": _edit(_CONVOLUTIONAL, ('Conv2D(F1, kernel_size=(1, 1), strides=(s, s)', 'Conv2D(F1, kernel_size=(1, 1), strides=(1, 1)'), ('Conv2D(F2, kernel_size=(f, f), strides=(1, 1), padding="same"', 'Conv2D(F2, kernel_size=(f, f), strides=(s, s), padding="same"')),
                            "loses": ['test_convolutional_block']},
        # no BN on the shortcut
        'cb_no_shortcut_bn': {"source": _edit(_CONVOLUTIONAL, ('X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)', 'pass')),
                             "loses": ['test_convolutional_block']},
        # shortcut BN over axis 2 (width)
        'cb_shortcut_bn_axis2': {"source": _edit(_CONVOLUTIONAL, ('BatchNormalization(axis=3, name=bn_name_base + "1")', 'BatchNormalization(axis=2, name=bn_name_base + "1")')),
                                "loses": ['test_convolutional_block']},
        # default s=1 instead of 2
        'cb_default_s1': {"source": _edit(_CONVOLUTIONAL, ('def convolutional_block(X, f, filters, stage, block, s=2):', 'def convolutional_block(X, f, filters, stage, block, s=1):')),
                         "loses": ['test_convolutional_block']},
        # shortcut convolution with F1 filters instead of F3
        'cb_shortcut_F1': {"source": _edit(_CONVOLUTIONAL, ('X_shortcut = Conv2D(F3,', 'X_shortcut = Conv2D(F1,')),
                          "loses": ['test_convolutional_block']},
        # a ReLU on the shortcut before the addition
        'cb_shortcut_relu': {"source": _edit(_CONVOLUTIONAL, ('X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)', 'X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)\n    X_shortcut = Activation("relu")(X_shortcut)')),
                            "loses": ['test_convolutional_block']},
        # layer names built from the block letter only: the blocks 'a' of two stages collide
        'cb_names_without_stage': {"source": _edit(_CONVOLUTIONAL, ('conv_name_base = "res" + str(stage) + block + "_branch"\n    bn_name_base = "bn" + str(stage) + block + "_branch"', 'conv_name_base = "res" + block + "_branch"\n    bn_name_base = "bn" + block + "_branch"')),
                                  "loses": ['test_convolutional_block']},
        # shortcut BN forced into training mode (batch statistics) where the model should infer
        'cb_bn_training_true': {"source": _edit(_CONVOLUTIONAL, ('X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)', 'X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut, training=True)')),
                               "loses": ['test_convolutional_block']},
    },
    'ResNet50': {
        # GlobalAveragePooling2D instead of AveragePooling2D((2, 2)) + Flatten (same at 64 x 64)
        'rn_global_pool': {"source": _edit(_RESNET50, ('X = AveragePooling2D((2, 2), name="avg_pool")(X)\n    X = Flatten()(X)', 'X = keras.layers.GlobalAveragePooling2D()(X)')),
                          "loses": ['test_ResNet50']},
        # MaxPooling2D instead of AveragePooling2D at the end
        'rn_max_pool_head': {"source": _edit(_RESNET50, ('X = AveragePooling2D((2, 2), name="avg_pool")(X)', 'X = MaxPooling2D((2, 2), name="avg_pool")(X)')),
                            "loses": ['test_ResNet50']},
        # 4 identity blocks in stage 4 instead of 5
        'rn_stage4_4id': {"source": _edit(_RESNET50, ('for block in ["b", "c", "d", "e", "f"]:', 'for block in ["b", "c", "d", "e"]:')),
                         "loses": ['test_ResNet50']},
        # stage 3 convolutional block with s=1
        'rn_stage3_s1': {"source": _edit(_RESNET50, ('filters=[128, 128, 512], stage=3, block="a", s=2', 'filters=[128, 128, 512], stage=3, block="a", s=1')),
                        "loses": ['test_ResNet50']},
        # Dense(6) whatever `classes` is
        'rn_hardcoded_classes': {"source": _edit(_RESNET50, ('X = Dense(classes,', 'X = Dense(6,')),
                                "loses": ['test_ResNet50']},
        # Input(shape=(64, 64, 3)) whatever `input_shape` is
        'rn_ignores_input_shape': {"source": _edit(_RESNET50, ('X_input = Input(shape=input_shape)', 'X_input = Input(shape=(64, 64, 3))')),
                                  "loses": ['test_ResNet50']},
        # an unseeded initializer on the Dense layer
        'rn_dense_unseeded': {"source": _edit(_RESNET50, ('kernel_initializer=glorot_uniform(seed=0))(X)\n    ### END', 'kernel_initializer="glorot_uniform")(X)\n    ### END')),
                             "loses": ['test_ResNet50']},
        # no softmax on the output
        'rn_no_softmax': {"source": _edit(_RESNET50, ('X = Dense(classes, activation="softmax",', 'X = Dense(classes,')),
                         "loses": ['test_ResNet50']},
        # identity blocks of stage 5 with f=2
        'rn_stage5_f2': {"source": _edit(_RESNET50, ('X = identity_block(X, 3, [512, 512, 2048], stage=5, block=block)', 'X = identity_block(X, 2, [512, 512, 2048], stage=5, block=block)')),
                        "loses": ['test_ResNet50']},
        # no BN in the stem
        'rn_no_bn_stem': {"source": _edit(_RESNET50, ('    X = BatchNormalization(axis=3, name="bn_conv1")(X)\n', '')),
                         "loses": ['test_ResNet50']},
        # a block letter used twice in stage 3: two blocks name their layers alike, Model() raises
        'rn_repeated_block_letter': {"source": _edit(_RESNET50, ('for block in ["b", "c", "d"]:', 'for block in ["b", "c", "c"]:')),
                                    "loses": ['test_ResNet50']},
        # stage 5's convolutional block labelled stage 4 (copied from the line above): its layer
        # names clash with stage 4's first block
        'rn_repeated_stage': {"source": _edit(_RESNET50, ('filters=[512, 512, 2048], stage=5, block="a"', 'filters=[512, 512, 2048], stage=4, block="a"')),
                             "loses": ['test_ResNet50']},
    },
}

# Other correct implementations: each must get full marks. alt1: tf.keras layers, ReLU(), `+`,
# padding 'same' on the 1x1 convolutions, no names, shortcut built first, BN axis=-1, Dense
# then a Softmax layer, a loop over the stages. alt2: names of its own, layers.add and
# keras.ops.add, a helper per conv-BN-ReLU unit, and a ResNet50 that never calls the two block
# functions (every block written inline). alt3: a ResNet50 that passes every block argument by
# keyword (filters as tuples, letters from chr), Dense then a separate softmax Activation.
VARIANTS = {
    'identity_block': {
        'alt1': """def identity_block(X, f, filters, stage, block):
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
""",
        'alt2': """def identity_block(X, f, filters, stage, block):
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
""",
    },
    'convolutional_block': {
        'alt1': """def convolutional_block(X, f, filters, stage, block, s=2):
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
""",
        'alt2': """def convolutional_block(X, f, filters, stage, block, s=2):
    import keras
    F1, F2, F3 = filters
    def unit(t, n, k, stride, pad, relu):
        t = keras.layers.Conv2D(n, (k, k), strides=(stride, stride), padding=pad,
                                kernel_initializer=keras.initializers.GlorotUniform(seed=0))(t)
        t = keras.layers.BatchNormalization(axis=3)(t)
        return keras.layers.Activation("relu")(t) if relu else t
    main = unit(unit(unit(X, F1, 1, s, "valid", True), F2, f, 1, "same", True), F3, 1, 1, "valid", False)
    return keras.layers.Activation("relu")(keras.ops.add(main, unit(X, F3, 1, s, "valid", False)))
""",
    },
    'ResNet50': {
        'alt1': """def ResNet50(input_shape=(64, 64, 3), classes=6):
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
""",
        'alt2': """def ResNet50(input_shape=(64, 64, 3), classes=6):
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
""",
        'alt3': """def ResNet50(input_shape=(64, 64, 3), classes=6):
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
""",
    },
}

"""Known-good residual blocks, for hidden tests only (never released).

A hidden block asks for them with ``trusted_helpers = checks.trusted("identity_block", ...)``;
the grader inlines them into that cell, renamed ``_trusted_<name>`` (see autograder/trusted.py).
They name their layers from stage and block, as the notebook's blocks do (so a ResNet50 that
gives two blocks the same stage and letter meets the same name clash), with seeded weights.
"""
import keras


def conv_bn(X, n, k, stride, pad, name, relu):
    """X (m, n_H, n_W, n_C) -> Conv2D with n filters k x k (layer "res" + name, seeded weights),
    BatchNormalization over channels (layer "bn" + name), then ReLU if relu."""
    X = keras.layers.Conv2D(n, (k, k), strides=(stride, stride), padding=pad, name="res" + name,
                            kernel_initializer=keras.initializers.GlorotUniform(seed=0))(X)
    X = keras.layers.BatchNormalization(axis=3, name="bn" + name)(X)
    return keras.layers.Activation("relu")(X) if relu else X


def identity_block(X, f, filters, stage, block):
    """X (m, n_H, n_W, F3), f the middle kernel size, filters (F1, F2, F3), stage (int) and
    block (letter) naming the layers -> (m, n_H, n_W, F3)."""
    F1, F2, F3 = filters
    base = f"{stage}{block}_branch"
    h = conv_bn(X, F1, 1, 1, "valid", base + "2a", True)
    h = conv_bn(h, F2, f, 1, "same", base + "2b", True)
    h = conv_bn(h, F3, 1, 1, "valid", base + "2c", False)
    return keras.layers.Activation("relu")(keras.layers.Add()([h, X]))


def convolutional_block(X, f, filters, stage, block, s=2):
    """X (m, n_H, n_W, n_C), f the middle kernel size, filters (F1, F2, F3), stage and block naming
    the layers, s the stride -> (m, ceil(n_H / s), ceil(n_W / s), F3)."""
    F1, F2, F3 = filters
    base = f"{stage}{block}_branch"
    h = conv_bn(X, F1, 1, s, "valid", base + "2a", True)
    h = conv_bn(h, F2, f, 1, "same", base + "2b", True)
    h = conv_bn(h, F3, 1, 1, "valid", base + "2c", False)
    return keras.layers.Activation("relu")(keras.layers.Add()([h, conv_bn(X, F3, 1, s, "valid", base + "1", False)]))

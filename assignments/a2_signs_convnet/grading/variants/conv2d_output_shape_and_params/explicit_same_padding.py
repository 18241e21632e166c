"""Keras' own way: the padding TensorFlow adds, then the valid formula."""
def conv2d_output_shape_and_params(input_shape, filters, kernel_size, strides=1, padding="valid"):
    """
    Output shape and parameter count of tf.keras.layers.Conv2D(filters, kernel_size, strides, padding).
    """
    batch, n_H_prev, n_W_prev, n_C_prev = input_shape
    f_H, f_W = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    s_H, s_W = (strides, strides) if np.ndim(strides) == 0 else tuple(strides)
    padding = padding.lower()

    ### START CODE HERE ###
    if padding == "valid":
        n_H = (n_H_prev - f_H) // s_H + 1
        n_W = (n_W_prev - f_W) // s_W + 1
    else:
        out_H, out_W = (n_H_prev + s_H - 1) // s_H, (n_W_prev + s_W - 1) // s_W
        pad_H = max((out_H - 1) * s_H + f_H - n_H_prev, 0)
        pad_W = max((out_W - 1) * s_W + f_W - n_W_prev, 0)
        n_H = (n_H_prev + pad_H - f_H) // s_H + 1
        n_W = (n_W_prev + pad_W - f_W) // s_W + 1
    n_params = f_H * f_W * n_C_prev * filters + filters
    ### END CODE HERE ###

    return (batch, n_H, n_W, filters), n_params

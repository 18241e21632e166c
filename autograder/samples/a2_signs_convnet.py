"""Buggy sample submission for a2_signs_convnet (see docs/authoring.md): three mistakes students
really make, each in its own function. Every other function is the reference solution, so every
other test cell must keep full marks (test_model grades `model` with trusted copies of the other
functions, so these bugs must not reach it)."""

BUGS = {
    # The second max-pool with "VALID": identical to "SAME" on 64x64 pictures (8 is a multiple
    # of 4), so the example cell looks right; on 72x56 pictures the pooled windows differ.
    "forward_propagation": {
        "source": '''def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    A1 = tf.nn.relu(Z1)
    P1 = tf.nn.max_pool2d(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    A2 = tf.nn.relu(Z2)
    P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="VALID")
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
    ### END CODE HERE ###

    return Z3
''',
        "loses": ["test_forward_propagation"],
    },
    # The TF2 habit: a Keras GlorotUniform(seed=0) instead of the tf.compat.v1 initializer.
    # Same distribution and shapes, but other numbers than the contract's seeded figures.
    "initialize_parameters": {
        "source": '''def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)

    ### START CODE HERE ###
    initializer = tf.keras.initializers.GlorotUniform(seed=0)
    W1 = tf.Variable(initializer([4, 4, 3, 8]), name="W1")
    W2 = tf.Variable(initializer([2, 2, 8, 16]), name="W2")
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters
''',
        "loses": ["test_initialize_parameters"],
    },
    # A softmax before softmax_cross_entropy_with_logits, which applies its own: a softmax of
    # probabilities, so the cost is wrong (and flatter: learning slows down).
    "compute_cost": {
        "source": '''def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    probabilities = tf.nn.softmax(Z3)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=probabilities))
    ### END CODE HERE ###
    return cost
''',
        "loses": ["test_compute_cost"],
    },
}


# ---------------------------------------------------------------------------------------------
# Corpus for `python -m autograder mutation-report a2_signs_convnet` (see autograder/corpus.py):
# MUTANTS are bugs students make (each wrong for some input the contract allows), VARIANTS other
# correct solutions (each must pass every test cell). The first variant of every cell is also
# graded through full nbgrader autograde, all together, as one student: they must work together
# (the training cell runs model() with the student's own helpers).
# Sources are whole solution cells; the longer ones are made from a template by replacing one
# piece of it (_edit checks that the piece is there).

def _edit(template, *pairs):
    for old, new in zip(pairs[::2], pairs[1::2]):
        if old not in template:
            raise ValueError(f"corpus template lacks {old!r}")
        template = template.replace(old, new)
    return template


# ---- conv2d_output_shape_and_params ---------------------------------------------------------
_SHAPE = '''def conv2d_output_shape_and_params(input_shape, filters, kernel_size, strides=1, padding="valid"):
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
        n_H = -(-n_H_prev // s_H)
        n_W = -(-n_W_prev // s_W)
    n_params = f_H * f_W * n_C_prev * filters + filters
    ### END CODE HERE ###

    return (batch, n_H, n_W, filters), n_params
'''
_VALID = '''        n_H = (n_H_prev - f_H) // s_H + 1
        n_W = (n_W_prev - f_W) // s_W + 1'''
_SAME = '''        n_H = -(-n_H_prev // s_H)
        n_W = -(-n_W_prev // s_W)'''
_PARAMS = "n_params = f_H * f_W * n_C_prev * filters + filters"

# ---- create_placeholders --------------------------------------------------------------------
_PLACEHOLDERS = '''def create_placeholders(n_H0, n_W0, n_C0, n_y):
    """
    Create the placeholders of the input pictures and of their labels.
    """
    ### START CODE HERE ###
    X = tf.compat.v1.placeholder(tf.float32, shape=[None, n_H0, n_W0, n_C0])
    Y = tf.compat.v1.placeholder(tf.float32, shape=[None, n_y])
    ### END CODE HERE ###
    return X, Y
'''
_PX = "X = tf.compat.v1.placeholder(tf.float32, shape=[None, n_H0, n_W0, n_C0])"
_PY = "Y = tf.compat.v1.placeholder(tf.float32, shape=[None, n_y])"

# ---- initialize_parameters ------------------------------------------------------------------
_INIT = '''def initialize_parameters():
    """
    Create the filters of the two conv layers as TensorFlow variables, Glorot-uniform with seed 0.
    """
    tf.compat.v1.set_random_seed(1)  # graph-level seed, so that everyone gets the same numbers

    ### START CODE HERE ###
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    ### END CODE HERE ###

    parameters = {"W1": W1, "W2": W2}
    return parameters
'''
_GRAPH_SEED = "    tf.compat.v1.set_random_seed(1)  # graph-level seed, so that everyone gets the same numbers\n"
_INIT_BODY = '''    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
'''

# ---- forward_propagation --------------------------------------------------------------------
_FORWARD = '''def forward_propagation(X, parameters):
    """
    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED.
    """
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    A1 = tf.nn.relu(Z1)
    P1 = tf.nn.max_pool2d(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    A2 = tf.nn.relu(Z2)
    P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="SAME")
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
    ### END CODE HERE ###

    return Z3
'''
_P1 = 'P1 = tf.nn.max_pool2d(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")'
_P2 = 'P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="SAME")'
_Z1 = 'Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")'
_Z2 = 'Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")'
_A1 = "A1 = tf.nn.relu(Z1)"
_A2 = "A2 = tf.nn.relu(Z2)"
_FC = '''    F = flatten(P2)
    Z3 = fully_connected(F, 6)
'''

# ---- compute_cost ---------------------------------------------------------------------------
_COST = '''def compute_cost(Z3, Y):
    """
    Mean softmax cross-entropy of the logits Z3 against the one-hot labels Y.
    """
    ### START CODE HERE ###
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z3))
    ### END CODE HERE ###
    return cost
'''
_COST_LINE = "    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z3))\n"

# ---- model ----------------------------------------------------------------------------------
_MODEL = '''last_run = {}  # model() leaves here the cost curve and its test-set predictions, for section 8


def model(X_train, Y_train, X_test, Y_test, learning_rate=0.009,
          num_epochs=100, minibatch_size=64, print_cost=True):
    """
    Train CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> FULLY CONNECTED
    with Adam on shuffled mini-batches.
    """
    tf.compat.v1.reset_default_graph()  # a new, empty graph each time the model is trained
    tf.compat.v1.set_random_seed(1)
    seed = 3                            # NumPy seed of the mini-batch shuffles
    (m, n_H0, n_W0, n_C0) = X_train.shape
    n_y = Y_train.shape[1]
    costs = []

    ### START CODE HERE ###
    X, Y = create_placeholders(n_H0, n_W0, n_C0, n_y)
    parameters = initialize_parameters()
    Z3 = forward_propagation(X, parameters)
    cost = compute_cost(Z3, Y)
    optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate=learning_rate).minimize(cost)
    ### END CODE HERE ###

    init = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session() as sess:
        sess.run(init)
        for epoch in range(num_epochs):
            seed = seed + 1
            minibatches = random_mini_batches(X_train, Y_train, minibatch_size, seed)
            epoch_cost = 0.0
            for minibatch_X, minibatch_Y in minibatches:
                ### START CODE HERE ###
                _, minibatch_cost = sess.run([optimizer, cost],
                                             feed_dict={X: minibatch_X, Y: minibatch_Y})
                ### END CODE HERE ###
                epoch_cost += minibatch_cost / len(minibatches)
            costs.append(epoch_cost)
            if print_cost and epoch % 5 == 0:
                print(f"Cost after epoch {epoch}: {epoch_cost:f}")

        predict_op = tf.argmax(Z3, 1)
        correct_prediction = tf.equal(predict_op, tf.argmax(Y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
        train_accuracy = sess.run(accuracy, feed_dict={X: X_train, Y: Y_train})
        test_accuracy = sess.run(accuracy, feed_dict={X: X_test, Y: Y_test})

        last_run.clear()
        last_run["costs"] = costs
        last_run["test_probabilities"] = sess.run(tf.nn.softmax(Z3), feed_dict={X: X_test})
        parameters = sess.run(parameters)   # the learned values, as NumPy arrays

    if print_cost:
        plt.plot(np.squeeze(costs))
        plt.ylabel("cost")
        plt.xlabel("epoch")
        plt.title(f"Learning rate = {learning_rate}")
        plt.show()
        print("Train Accuracy:", train_accuracy)
        print("Test Accuracy:", test_accuracy)

    return train_accuracy, test_accuracy, parameters
'''
_OPT = "optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate=learning_rate).minimize(cost)"
_ACCURACY = '''        predict_op = tf.argmax(Z3, 1)
        correct_prediction = tf.equal(predict_op, tf.argmax(Y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
        train_accuracy = sess.run(accuracy, feed_dict={X: X_train, Y: Y_train})
        test_accuracy = sess.run(accuracy, feed_dict={X: X_test, Y: Y_test})
'''
_PARAMETERS_VALUES = "        parameters = sess.run(parameters)   # the learned values, as NumPy arrays\n"
_STEP = '''_, minibatch_cost = sess.run([optimizer, cost],
                                             feed_dict={X: minibatch_X, Y: minibatch_Y})'''

_MODEL_OWN_GRAPH = '''last_run = {}  # model() leaves here the cost curve and its test-set predictions, for section 8


def model(X_train, Y_train, X_test, Y_test, learning_rate=0.009,
          num_epochs=100, minibatch_size=64, print_cost=True):
    """
    Train the ConvNet with Adam on shuffled mini-batches, in a graph of its own.
    """
    graph = tf.Graph()
    seed = 3
    (m, n_H0, n_W0, n_C0) = X_train.shape
    n_y = Y_train.shape[1]
    costs = []

    with graph.as_default():
        tf.compat.v1.set_random_seed(1)
        ### START CODE HERE ###
        X, Y = create_placeholders(n_H0, n_W0, n_C0, n_y)
        parameters = initialize_parameters()
        Z3 = forward_propagation(X, parameters)
        cost = compute_cost(Z3, Y)
        optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate=learning_rate).minimize(cost)
        ### END CODE HERE ###
        init = tf.compat.v1.global_variables_initializer()
        correct_prediction = tf.equal(tf.argmax(Z3, 1), tf.argmax(Y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
        probabilities = tf.nn.softmax(Z3)

    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        for epoch in range(num_epochs):
            seed = seed + 1
            minibatches = random_mini_batches(X_train, Y_train, minibatch_size, seed)
            epoch_cost = 0.0
            for minibatch_X, minibatch_Y in minibatches:
                ### START CODE HERE ###
                _, minibatch_cost = sess.run([optimizer, cost], feed_dict={X: minibatch_X, Y: minibatch_Y})
                ### END CODE HERE ###
                epoch_cost += minibatch_cost / len(minibatches)
            costs.append(epoch_cost)
            if print_cost and epoch % 5 == 0:
                print(f"Cost after epoch {epoch}: {epoch_cost:f}")
        train_accuracy = sess.run(accuracy, feed_dict={X: X_train, Y: Y_train})
        test_accuracy = sess.run(accuracy, feed_dict={X: X_test, Y: Y_test})
        last_run.clear()
        last_run["costs"] = costs
        last_run["test_probabilities"] = sess.run(probabilities, feed_dict={X: X_test})

    if print_cost:
        plt.plot(np.squeeze(costs))
        plt.show()
        print("Train Accuracy:", train_accuracy)
        print("Test Accuracy:", test_accuracy)

    return train_accuracy, test_accuracy, parameters
'''


MUTANTS = {
    "conv2d_output_shape_and_params": {
        # "valid" rounded up: right whenever the stride divides n - f, wrong otherwise
        "valid_ceil": _edit(_SHAPE, _VALID, '''        n_H = math.ceil((n_H_prev - f_H) / s_H) + 1
        n_W = math.ceil((n_W_prev - f_W) / s_W) + 1'''),
        # the "+ 1" forgotten in the valid formula
        "valid_without_plus_one": _edit(_SHAPE, _VALID, '''        n_H = (n_H_prev - f_H) // s_H
        n_W = (n_W_prev - f_W) // s_W'''),
        # "same keeps the size": true only for stride 1
        "same_ignores_stride": _edit(_SHAPE, _SAME, '''        n_H = n_H_prev
        n_W = n_W_prev'''),
        # "same" rounded down instead of up
        "same_floor": _edit(_SHAPE, _SAME, '''        n_H = n_H_prev // s_H
        n_W = n_W_prev // s_W'''),
        # "same" as the valid formula with pad (f - 1) // 2: wrong for even kernels
        "same_from_half_kernel_pad": _edit(_SHAPE, _SAME, '''        p_H, p_W = (f_H - 1) // 2, (f_W - 1) // 2
        n_H = (n_H_prev + 2 * p_H - f_H) // s_H + 1
        n_W = (n_W_prev + 2 * p_W - f_W) // s_W + 1'''),
        # kernel_size read as (width, height): H and W swapped for non-square kernels and strides
        "kernel_and_stride_hw_swapped": _edit(_SHAPE, "    ### START CODE HERE ###\n",
                                              "    ### START CODE HERE ###\n    f_H, f_W, s_H, s_W = f_W, f_H, s_W, s_H\n"),
        # the biases forgotten in the parameter count
        "params_without_bias": _edit(_SHAPE, _PARAMS, "n_params = f_H * f_W * n_C_prev * filters"),
        # a filter taken as 2-D: the input channels forgotten
        "params_without_input_channels": _edit(_SHAPE, _PARAMS, "n_params = f_H * f_W * filters + filters"),
    },
    "create_placeholders": {
        "height_width_swapped": _edit(_PLACEHOLDERS, _PX,
                                      "X = tf.compat.v1.placeholder(tf.float32, shape=[None, n_W0, n_H0, n_C0])"),
        "float64": _edit(_PLACEHOLDERS, _PX, "X = tf.compat.v1.placeholder(tf.float64, shape=[None, n_H0, n_W0, n_C0])",
                         _PY, "Y = tf.compat.v1.placeholder(tf.float64, shape=[None, n_y])"),
        "fixed_batch_of_64": _edit(_PLACEHOLDERS, _PX, "X = tf.compat.v1.placeholder(tf.float32, shape=[64, n_H0, n_W0, n_C0])",
                                   _PY, "Y = tf.compat.v1.placeholder(tf.float32, shape=[64, n_y])"),
        "hard_coded_64x64x3": _edit(_PLACEHOLDERS, _PX, "X = tf.compat.v1.placeholder(tf.float32, shape=[None, 64, 64, 3])"),
        "three_channels_assumed": _edit(_PLACEHOLDERS, _PX, "X = tf.compat.v1.placeholder(tf.float32, shape=[None, n_H0, n_W0, 3])"),
        # the earlier courses' layout: one column per example
        "labels_as_columns": _edit(_PLACEHOLDERS, _PY, "Y = tf.compat.v1.placeholder(tf.float32, shape=[n_y, None])"),
        # class labels taken as integers
        "integer_labels": _edit(_PLACEHOLDERS, _PY, "Y = tf.compat.v1.placeholder(tf.int32, shape=[None, n_y])"),
    },
    "initialize_parameters": {
        "op_seed_1": _edit(_INIT, "glorot_uniform_initializer(seed=0)", "glorot_uniform_initializer(seed=1)"),
        # the TF2 habit (also the BUGS sample): Keras 3 initializers draw other numbers
        "keras_glorot_uniform": _edit(_INIT, _INIT_BODY, '''    initializer = tf.keras.initializers.GlorotUniform(seed=0)
    W1 = tf.Variable(initializer([4, 4, 3, 8]), name="W1")
    W2 = tf.Variable(initializer([2, 2, 8, 16]), name="W2")
'''),
        # looks like TF1 but is the Keras 3 class under another name
        "compat_keras_glorot_uniform": _edit(_INIT, _INIT_BODY, '''    initializer = tf.compat.v1.keras.initializers.glorot_uniform(seed=0)
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8], initializer=initializer)
    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16], initializer=initializer)
'''),
        # "seed 0" read as the graph-level seed: it overrides the seed 1 its caller set
        "graph_seed_0": _edit(_INIT, _GRAPH_SEED, "    tf.compat.v1.set_random_seed(0)\n"),
        "no_op_seed": _edit(_INIT, "glorot_uniform_initializer(seed=0)", "glorot_uniform_initializer()"),
        "glorot_normal": _edit(_INIT, "glorot_uniform_initializer(seed=0)", "glorot_normal_initializer(seed=0)"),
        "not_trainable": _edit(_INIT, "glorot_uniform_initializer(seed=0))", "glorot_uniform_initializer(seed=0),\n"
                               "                                   trainable=False)"),
        # input and output channels of W2 swapped
        "W2_channels_swapped": _edit(_INIT, '"W2", [2, 2, 8, 16]', '"W2", [2, 2, 16, 8]'),
    },
    "forward_propagation": {
        "second_pool_valid": _edit(_FORWARD, _P2, _P2.replace('"SAME"', '"VALID"')),
        "first_pool_valid": _edit(_FORWARD, _P1, _P1.replace('"SAME"', '"VALID"')),
        "convs_valid": _edit(_FORWARD, _Z1, _Z1.replace('"SAME"', '"VALID"'), _Z2, _Z2.replace('"SAME"', '"VALID"')),
        "no_first_relu": _edit(_FORWARD, _A1, "A1 = Z1"),
        "no_second_relu": _edit(_FORWARD, _A2, "A2 = Z2"),
        "first_pool_stride_1": _edit(_FORWARD, _P1, 'P1 = tf.nn.max_pool2d(A1, ksize=8, strides=1, padding="SAME")'),
        "pool_sizes_swapped": _edit(_FORWARD, _P1, _P1.replace("8, 8", "4, 4"), _P2, _P2.replace("4, 4", "8, 8")),
        "average_pool": _edit(_FORWARD, _P2, _P2.replace("max_pool2d", "avg_pool2d")),
        "flatten_size_hard_coded": _edit(_FORWARD, "F = flatten(P2)", "F = tf.reshape(P2, [-1, 64])"),
        "softmax_on_logits": _edit(_FORWARD, "Z3 = fully_connected(F, 6)", "Z3 = tf.nn.softmax(fully_connected(F, 6))"),
        # a ReLU on the last layer (Keras Dense with an activation): logits can no longer be negative
        "relu_on_logits": _edit(_FORWARD, _FC, '''    F = tf.keras.layers.Flatten()(P2)
    Z3 = tf.keras.layers.Dense(6, activation="relu")(F)
'''),
        # the fully connected layer written by hand, its bias forgotten (issue 15): an affine map
        # of the features with a zero offset, caught once the test pins the layer's bias
        "fully_connected_without_bias": _edit(_FORWARD, _FC, '''    F = flatten(P2)
    W3 = tf.compat.v1.get_variable("W3", [F.shape[1], 6], initializer=tf.compat.v1.glorot_uniform_initializer(seed=1))
    Z3 = tf.matmul(F, W3)
'''),
    },
    "compute_cost": {
        # also the BUGS sample: softmax_cross_entropy_with_logits applies its own softmax
        "softmax_before_cross_entropy": _edit(_COST, _COST_LINE, '''    probabilities = tf.nn.softmax(Z3)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=probabilities))
'''),
        "sum_not_mean": _edit(_COST, "tf.reduce_mean(", "tf.reduce_sum("),
        "labels_logits_swapped": _edit(_COST, "labels=Y, logits=Z3", "labels=Z3, logits=Y"),
        "positional_arguments_swapped": _edit(_COST, "(labels=Y, logits=Z3)", "(Z3, Y)"),
        "sigmoid_cross_entropy": _edit(_COST, "softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits"),
        "mean_over_every_entry": _edit(_COST, _COST_LINE,
                                       "    cost = -tf.reduce_mean(Y * tf.math.log(tf.nn.softmax(Z3)))\n"),
        "keras_loss_without_from_logits": _edit(_COST, _COST_LINE,
                                                "    cost = tf.reduce_mean(tf.keras.losses.categorical_crossentropy(Y, Z3))\n"),
        "no_mean": _edit(_COST, _COST_LINE, "    cost = tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z3)\n"),
    },
    "model": {
        "gradient_descent": _edit(_MODEL, _OPT, "optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate).minimize(cost)"),
        "adam_default_learning_rate": _edit(_MODEL, _OPT, "optimizer = tf.compat.v1.train.AdamOptimizer().minimize(cost)"),
        "whole_training_set_each_step": _edit(_MODEL, _STEP, '''_, minibatch_cost = sess.run([optimizer, cost],
                                             feed_dict={X: X_train, Y: Y_train})'''),
        "minibatch_size_ignored": _edit(_MODEL, "random_mini_batches(X_train, Y_train, minibatch_size, seed)",
                                        "random_mini_batches(X_train, Y_train, 64, seed)"),
        "same_shuffle_every_epoch": _edit(_MODEL, "            seed = seed + 1\n", ""),
        "test_accuracy_on_training_set": _edit(_MODEL, "test_accuracy = sess.run(accuracy, feed_dict={X: X_test, Y: Y_test})",
                                               "test_accuracy = sess.run(accuracy, feed_dict={X: X_train, Y: Y_train})"),
        "placeholders_64x64": _edit(_MODEL, "create_placeholders(n_H0, n_W0, n_C0, n_y)", "create_placeholders(64, 64, 3, 6)"),
        # the cost fetched, the optimizer never run: nothing is learned
        "cost_fetched_without_step": _edit(_MODEL, _STEP,
                                           "minibatch_cost = sess.run(cost, feed_dict={X: minibatch_X, Y: minibatch_Y})"),
    },
}

VARIANTS = {
    "conv2d_output_shape_and_params": {
        "math_ceil_floor_list": _edit(_SHAPE, _VALID, '''        n_H = math.floor((n_H_prev - f_H) / s_H) + 1
        n_W = math.floor((n_W_prev - f_W) / s_W) + 1''', _SAME, '''        n_H = math.ceil(n_H_prev / s_H)
        n_W = math.ceil(n_W_prev / s_W)''', "return (batch, n_H, n_W, filters), n_params",
                                      "return [batch, n_H, n_W, filters], n_params"),
        # Keras' own way: the padding TensorFlow adds, then the valid formula
        "explicit_same_padding": _edit(_SHAPE, _SAME, '''        out_H, out_W = (n_H_prev + s_H - 1) // s_H, (n_W_prev + s_W - 1) // s_W
        pad_H = max((out_H - 1) * s_H + f_H - n_H_prev, 0)
        pad_W = max((out_W - 1) * s_W + f_W - n_W_prev, 0)
        n_H = (n_H_prev + pad_H - f_H) // s_H + 1
        n_W = (n_W_prev + pad_W - f_W) // s_W + 1'''),
        "valid_as_ceil_and_numpy_count": _edit(_SHAPE, _VALID, '''        n_H = int(np.ceil((n_H_prev - f_H + 1) / s_H))
        n_W = int(np.ceil((n_W_prev - f_W + 1) / s_W))''', _PARAMS,
                                               "n_params = np.prod([f_H, f_W, n_C_prev, filters]) + filters"),
    },
    "create_placeholders": {
        "named_tuple_shapes": _edit(_PLACEHOLDERS, _PX, 'X = tf.compat.v1.placeholder("float32", (None, n_H0, n_W0, n_C0), name="X")',
                                    _PY, 'Y = tf.compat.v1.placeholder(dtype=tf.dtypes.float32, shape=(None, n_y), name="Y")'),
        "tensor_shape": _edit(_PLACEHOLDERS, _PX, "X = tf.compat.v1.placeholder(tf.float32, tf.TensorShape([None, n_H0, n_W0, n_C0]))",
                              _PY, "Y = tf.compat.v1.placeholder(tf.float32, tf.TensorShape([None]).concatenate([n_y]))"),
    },
    "initialize_parameters": {
        "tf_variable_other_order": _edit(_INIT, _INIT_BODY, '''    glorot = tf.compat.v1.glorot_uniform_initializer(seed=0)
    W2 = tf.Variable(glorot([2, 2, 8, 16]), name="W2")
    W1 = tf.Variable(glorot([4, 4, 3, 8]), name="W1")
'''),
        "variance_scaling": _edit(_INIT, "tf.compat.v1.glorot_uniform_initializer(seed=0)",
                                  'tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0)'),
        # Glorot's limit written out: the same uniform op with the same seed
        "glorot_by_hand": _edit(_INIT, _INIT_BODY, '''    def glorot(shape):
        fan_in = shape[0] * shape[1] * shape[2]
        fan_out = shape[0] * shape[1] * shape[3]
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return tf.Variable(tf.random.uniform(shape, -limit, limit, seed=0))
    W1 = glorot([4, 4, 3, 8])
    W2 = glorot([2, 2, 8, 16])
'''),
        "compat_initializers_alias": _edit(_INIT, "tf.compat.v1.glorot_uniform_initializer(seed=0)",
                                           "tf.compat.v1.initializers.glorot_uniform(seed=0)"),
        # Issue 15: students who rewrite the whole function and drop the given graph-seed line.
        # The graph seed is the caller's (model and the test set it before the call), so these
        # draw the course values too.
        # the graph seed set again after the variables exist: it changes nothing
        "graph_seed_after_variables": _edit(_INIT, _GRAPH_SEED, "", _INIT_BODY,
                                            _INIT_BODY + "    tf.compat.v1.set_random_seed(1)\n"),
        # Glorot-uniform through its general form
        "variance_scaling_no_graph_seed": _edit(_INIT, _GRAPH_SEED, "", "tf.compat.v1.glorot_uniform_initializer(seed=0)",
                                                'tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform", seed=0)'),
        # by hand: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out))
        "uniform_limit_by_hand_no_graph_seed": _edit(_INIT, _GRAPH_SEED, "", _INIT_BODY, '''    def glorot(name, shape):
        fan_in, fan_out = shape[0] * shape[1] * shape[2], shape[0] * shape[1] * shape[3]
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        return tf.compat.v1.get_variable(name, shape,
                                         initializer=tf.compat.v1.random_uniform_initializer(-limit, limit, seed=0))
    W1 = glorot("W1", [4, 4, 3, 8])
    W2 = glorot("W2", [2, 2, 8, 16])
'''),
        # W2 created before W1
        "W2_first_no_graph_seed": _edit(_INIT, _GRAPH_SEED, "", _INIT_BODY, '''    W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
    W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8],
                                   initializer=tf.compat.v1.glorot_uniform_initializer(seed=0))
'''),
        # a tf.compat.v1.Variable holding the initializer's tensor
        "v1_variable_of_initializer_no_graph_seed": _edit(_INIT, _GRAPH_SEED, "", _INIT_BODY, '''    glorot = tf.compat.v1.glorot_uniform_initializer(seed=0)
    W1 = tf.compat.v1.Variable(glorot([4, 4, 3, 8]), name="W1")
    W2 = tf.compat.v1.Variable(glorot([2, 2, 8, 16]), name="W2")
'''),
        # one initializer for a whole variable scope
        "scope_initializer_no_graph_seed": _edit(_INIT, _GRAPH_SEED, "", _INIT_BODY, '''    with tf.compat.v1.variable_scope("conv", initializer=tf.compat.v1.glorot_uniform_initializer(seed=0)):
        W1 = tf.compat.v1.get_variable("W1", [4, 4, 3, 8])
        W2 = tf.compat.v1.get_variable("W2", [2, 2, 8, 16])
'''),
    },
    "forward_propagation": {
        # the TF2 habit: Keras layers for the flatten and the fully connected layer
        "keras_flatten_dense": _edit(_FORWARD, _FC, '''    F = tf.keras.layers.Flatten()(P2)
    Z3 = tf.keras.layers.Dense(6)(F)
'''),
        "v1_ops_own_dense": _edit(_FORWARD, '''    ### START CODE HERE ###
    Z1 = tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME")
    A1 = tf.nn.relu(Z1)
    P1 = tf.nn.max_pool2d(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    Z2 = tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME")
    A2 = tf.nn.relu(Z2)
    P2 = tf.nn.max_pool2d(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="SAME")
    F = flatten(P2)
    Z3 = fully_connected(F, 6)
''', '''    ### START CODE HERE ###
    A1 = tf.nn.relu(tf.compat.v1.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME"))
    P1 = tf.compat.v1.nn.max_pool(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    A2 = tf.nn.relu(tf.nn.conv2d(P1, W2, 1, "SAME"))
    P2 = tf.nn.max_pool(A2, ksize=4, strides=4, padding="SAME")
    n = P2.shape[1] * P2.shape[2] * P2.shape[3]
    F = tf.reshape(P2, [-1, n])
    W3 = tf.compat.v1.get_variable("W3", [n, 6], initializer=tf.compat.v1.random_normal_initializer(stddev=0.1))
    b3 = tf.compat.v1.get_variable("b3", [6], initializer=tf.compat.v1.zeros_initializer())
    Z3 = tf.matmul(F, W3) + b3
'''),
        # features in channel-first order: another order of the same numbers
        "channels_first_flatten": _edit(_FORWARD, _FC, '''    F = flatten(tf.transpose(P2, [0, 3, 1, 2]))
    Z3 = fully_connected(F, 6, seed=7)
'''),
        "keras_relu_and_pool_layers": _edit(_FORWARD, _A1, "A1 = tf.keras.layers.ReLU()(Z1)",
                                            _P1, 'P1 = tf.keras.layers.MaxPool2D(pool_size=8, strides=8, padding="same")(A1)',
                                            _A2, 'A2 = tf.keras.layers.Activation("relu")(Z2)',
                                            _P2, 'P2 = tf.keras.layers.MaxPooling2D((4, 4), padding="same")(A2)'),
        # ReLU and max-pool commute (ReLU is increasing): pooling first is the same function
        "pool_before_relu": _edit(_FORWARD, _A1 + "\n    " + _P1,
                                  'P1 = tf.nn.relu(tf.nn.max_pool2d(Z1, ksize=8, strides=8, padding="SAME"))',
                                  _A2 + "\n    " + _P2,
                                  'P2 = tf.nn.relu(tf.nn.pool(Z2, window_shape=[4, 4], pooling_type="MAX", strides=[4, 4], padding="SAME"))'),
    },
    "compute_cost": {
        "log_sum_exp_by_hand": _edit(_COST, _COST_LINE, '''    per_example = tf.reduce_logsumexp(Z3, axis=1) - tf.reduce_sum(Y * Z3, axis=1)
    cost = tf.reduce_mean(per_example)
'''),
        "compat_v2_positional": _edit(_COST, _COST_LINE,
                                      "    cost = tf.reduce_mean(tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2(Y, Z3))\n"),
        "log_of_softmax": _edit(_COST, _COST_LINE,
                                "    cost = -tf.reduce_mean(tf.reduce_sum(Y * tf.math.log(tf.nn.softmax(Z3)), axis=1))\n"),
        "sparse_from_argmax": _edit(_COST, _COST_LINE, '''    labels = tf.argmax(Y, axis=1)
    cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=Z3))
'''),
        "keras_loss_from_logits": _edit(_COST, _COST_LINE,
                                        "    cost = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(Y, Z3)\n"),
        "log_softmax_axis_last": _edit(_COST, _COST_LINE,
                                       "    cost = tf.reduce_mean(-tf.reduce_sum(Y * tf.nn.log_softmax(Z3, axis=-1), axis=-1))\n"),
    },
    "model": {
        "step_then_cost_runs": _edit(_MODEL, _STEP, '''sess.run(optimizer, feed_dict={X: minibatch_X, Y: minibatch_Y})
                minibatch_cost = sess.run(cost, feed_dict={X: minibatch_X, Y: minibatch_Y})'''),
        "gradients_applied_by_hand": _edit(_MODEL, _OPT, '''adam = tf.compat.v1.train.AdamOptimizer(learning_rate)
    gradients = adam.compute_gradients(cost)
    optimizer = adam.apply_gradients(gradients)''', _STEP, '''feed = {X: minibatch_X, Y: minibatch_Y}
                minibatch_cost, _ = sess.run((cost, optimizer), feed)'''),
        # Tensor.eval and Operation.run: the cost before the step, then the step
        "eval_then_run": _edit(_MODEL, _STEP, '''minibatch_cost = cost.eval(feed_dict={X: minibatch_X, Y: minibatch_Y}, session=sess)
                optimizer.run(feed_dict={X: minibatch_X, Y: minibatch_Y}, session=sess)'''),
        # Issue 15: four models that return the tf.Variables themselves, not their values (the
        # test reads them in model's own session)
        # accuracies counted in NumPy from the predicted classes
        "numpy_accuracies_returns_variables": _edit(_MODEL, _ACCURACY, '''        train_predicted = sess.run(tf.argmax(Z3, 1), feed_dict={X: X_train})
        test_predicted = sess.run(tf.argmax(Z3, 1), feed_dict={X: X_test})
        train_accuracy = np.mean(train_predicted == np.argmax(Y_train, axis=1))
        test_accuracy = np.mean(test_predicted == np.argmax(Y_test, axis=1))
''', _PARAMETERS_VALUES, ""),
        # the class of largest probability rather than of largest logit
        "argmax_softmax_returns_variables": _edit(_MODEL, "predict_op = tf.argmax(Z3, 1)",
                                                  "predict_op = tf.argmax(tf.nn.softmax(Z3), axis=1)",
                                                  _PARAMETERS_VALUES, ""),
        # Adam in two steps, gradients then their application
        "compute_apply_gradients_returns_variables": _edit(_MODEL, _OPT, '''adam = tf.compat.v1.train.AdamOptimizer(learning_rate=learning_rate)
    optimizer = adam.apply_gradients(adam.compute_gradients(cost))''', _PARAMETERS_VALUES, ""),
        # a graph of its own rather than the default graph
        "own_graph_returns_variables": _MODEL_OWN_GRAPH,
    },
}

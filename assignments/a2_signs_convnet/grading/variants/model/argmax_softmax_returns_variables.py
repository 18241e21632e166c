"""the class of largest probability rather than of largest logit."""
last_run = {}  # model() leaves here the cost curve and its test-set predictions, for section 8


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

        predict_op = tf.argmax(tf.nn.softmax(Z3), axis=1)
        correct_prediction = tf.equal(predict_op, tf.argmax(Y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
        train_accuracy = sess.run(accuracy, feed_dict={X: X_train, Y: Y_train})
        test_accuracy = sess.run(accuracy, feed_dict={X: X_test, Y: Y_test})

        last_run.clear()
        last_run["costs"] = costs
        last_run["test_probabilities"] = sess.run(tf.nn.softmax(Z3), feed_dict={X: X_test})

    if print_cost:
        plt.plot(np.squeeze(costs))
        plt.ylabel("cost")
        plt.xlabel("epoch")
        plt.title(f"Learning rate = {learning_rate}")
        plt.show()
        print("Train Accuracy:", train_accuracy)
        print("Test Accuracy:", test_accuracy)

    return train_accuracy, test_accuracy, parameters

"""a graph of its own rather than the default graph."""
last_run = {}  # model() leaves here the cost curve and its test-set predictions, for section 8


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

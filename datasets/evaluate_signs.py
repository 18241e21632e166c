"""Measure whether a SIGNS-format data set is learnable but not trivial.

Three measurements, printed as a table for the data card (datasets/README.md):

1. The Assignment 2 ConvNet (tf.compat.v1 graph, as the notebook builds it): conv 4x4x3x8
   SAME + ReLU + max-pool 8/8 SAME, conv 2x2x8x16 SAME + ReLU + max-pool 4/4 SAME, flatten,
   dense 6; W1, W2 Glorot-uniform seed 0 (graph seed 1), the dense weight Glorot-uniform
   seed 1 with a zero bias (a stand-in for the notebook's given helper), Adam lr 0.009,
   mini-batches of 64 from coursekit.signs.random_mini_batches with seed 3 advanced by one
   each epoch, 100 epochs.  Bar: train accuracy >= 0.90 and test accuracy in [0.80, 0.97].
2. Pixel baselines that must stay well below it (bar: softmax regression test accuracy at
   least 0.15 under the ConvNet's): multinomial logistic regression on standardised raw
   pixels (NumPy, full-batch Adam, 300 steps) and 1-nearest-neighbour on raw pixels.
3. Near duplicates: for every test picture, the RMS pixel distance to its nearest training
   picture, against the typical distance between training pictures.

Usage (from the repository root, after `make data`):
    python datasets/evaluate_signs.py [--data-dir datasets] [--epochs 100] [--skip-convnet]

With --seeds N [N ...] it measures fresh data sets instead (one per generator seed, each with
--test-per-class test pictures a class, 100 by default), which shows how much the figures
move with the seed; the 120-picture test split alone moves by about +-0.03.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # run without installing coursekit
import generate_signs  # noqa: E402
from coursekit.signs import convert_to_one_hot, load_dataset, random_mini_batches  # noqa: E402


# ----------------------------------------------------------------------------- ConvNet

def convnet_accuracy(X_train, Y_train, X_test, Y_test, num_epochs=100, learning_rate=0.009,
                     minibatch_size=64):
    """Train the Assignment 2 ConvNet and return its accuracies.

    Arguments:
    X_train, X_test -- (m, 64, 64, 3) float32 in 0..1
    Y_train, Y_test -- (m, 6) one-hot float32

    Returns:
    train_accuracy, test_accuracy -- floats
    costs -- list of the mean mini-batch cost of every epoch
    test_predictions -- (m_test,) int predicted classes
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    v1 = tf.compat.v1
    v1.disable_eager_execution()
    v1.reset_default_graph()
    v1.set_random_seed(1)
    _, n_H, n_W, n_C = X_train.shape
    X = v1.placeholder(tf.float32, [None, n_H, n_W, n_C])
    Y = v1.placeholder(tf.float32, [None, Y_train.shape[1]])
    W1 = v1.get_variable("W1", [4, 4, 3, 8], initializer=v1.glorot_uniform_initializer(seed=0))
    W2 = v1.get_variable("W2", [2, 2, 8, 16], initializer=v1.glorot_uniform_initializer(seed=0))
    A1 = tf.nn.relu(tf.nn.conv2d(X, W1, strides=[1, 1, 1, 1], padding="SAME"))
    P1 = tf.nn.max_pool(A1, ksize=[1, 8, 8, 1], strides=[1, 8, 8, 1], padding="SAME")
    A2 = tf.nn.relu(tf.nn.conv2d(P1, W2, strides=[1, 1, 1, 1], padding="SAME"))
    P2 = tf.nn.max_pool(A2, ksize=[1, 4, 4, 1], strides=[1, 4, 4, 1], padding="SAME")
    n_flat = int(np.prod(P2.shape[1:]))
    F = tf.reshape(P2, [-1, n_flat])
    W3 = v1.get_variable("W3", [n_flat, Y_train.shape[1]],
                         initializer=v1.glorot_uniform_initializer(seed=1))
    b3 = v1.get_variable("b3", [Y_train.shape[1]], initializer=v1.zeros_initializer())
    Z3 = tf.matmul(F, W3) + b3
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=Z3, labels=Y))
    optimizer = v1.train.AdamOptimizer(learning_rate=learning_rate).minimize(cost)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(Z3, 1), tf.argmax(Y, 1)), "float"))
    costs, seed, m = [], 3, X_train.shape[0]
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        for _ in range(num_epochs):
            seed += 1
            epoch_cost = 0.0
            for mb_X, mb_Y in random_mini_batches(X_train, Y_train, minibatch_size, seed):
                _, c = sess.run([optimizer, cost], {X: mb_X, Y: mb_Y})
                epoch_cost += c * mb_X.shape[0] / m
            costs.append(epoch_cost)
        train_acc = sess.run(accuracy, {X: X_train, Y: Y_train})
        test_acc, test_pred = sess.run([accuracy, tf.argmax(Z3, 1)], {X: X_test, Y: Y_test})
    return float(train_acc), float(test_acc), costs, test_pred


# ----------------------------------------------------------------------------- baselines

def softmax_regression_accuracy(X_train, y_train, X_test, y_test, iterations=300, lr=0.01,
                                l2=1e-3):
    """Multinomial logistic regression on standardised raw pixels, full-batch Adam.

    Arguments:
    X_train, X_test -- (m, n) float features
    y_train, y_test -- (m,) int labels in 0..5

    Returns:
    train_accuracy, test_accuracy -- floats
    """
    mean, std = X_train.mean(0), X_train.std(0) + 1e-6
    A, B = (X_train - mean) / std, (X_test - mean) / std
    n_classes = 6
    W = np.zeros((A.shape[1], n_classes))
    b = np.zeros(n_classes)
    T = np.eye(n_classes)[y_train]
    moments = [np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)]
    for t in range(1, iterations + 1):
        Z = A @ W + b
        P = np.exp(Z - Z.max(1, keepdims=True))
        P /= P.sum(1, keepdims=True)
        dZ = (P - T) / A.shape[0]
        grads = [A.T @ dZ + l2 * W, dZ.sum(0)]
        for k, (param, g) in enumerate(zip((W, b), grads)):
            m1, m2 = moments[2 * k], moments[2 * k + 1]
            m1 *= 0.9
            m1 += 0.1 * g
            m2 *= 0.999
            m2 += 0.001 * g * g
            param -= lr * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    accuracy = [float(np.mean(np.argmax(M @ W + b, 1) == y)) for M, y in ((A, y_train),
                                                                          (B, y_test))]
    return accuracy[0], accuracy[1]


def pairwise_rms(A, B):
    """RMS per-pixel distance between every row of A (p, n) and of B (q, n); returns (p, q)."""
    sq = (A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2.0 * A @ B.T
    return np.sqrt(np.maximum(sq, 0.0) / A.shape[1])


# ----------------------------------------------------------------------------- report

def evaluate(data_dir=None, epochs=100, skip_convnet=False):
    """Run every measurement and return them as a dict of floats."""
    X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_dataset(data_dir)
    y_train, y_test = Y_train_orig.ravel(), Y_test_orig.ravel()
    X_train = (X_train_orig / 255.0).astype(np.float32)
    X_test = (X_test_orig / 255.0).astype(np.float32)
    flat_train = X_train.reshape(len(X_train), -1).astype(np.float64)
    flat_test = X_test.reshape(len(X_test), -1).astype(np.float64)
    results = {"m_train": len(y_train), "m_test": len(y_test),
               "train_per_class": np.bincount(y_train, minlength=6).tolist(),
               "test_per_class": np.bincount(y_test, minlength=6).tolist()}

    start = time.perf_counter()
    results["linear_train"], results["linear_test"] = softmax_regression_accuracy(
        flat_train, y_train, flat_test, y_test)
    results["linear_seconds"] = time.perf_counter() - start

    test_train = pairwise_rms(flat_test, flat_train)              # (m_test, m_train)
    train_train = pairwise_rms(flat_train, flat_train)
    np.fill_diagonal(train_train, np.inf)
    nearest = test_train.min(1)
    results["knn1_test"] = float(np.mean(y_train[test_train.argmin(1)] == y_test))
    results["test_nn_min"] = float(nearest.min())
    results["test_nn_median"] = float(np.median(nearest))
    results["train_nn_median"] = float(np.median(train_train.min(1)))
    results["train_pair_median"] = float(np.median(train_train[np.isfinite(train_train)]))

    if not skip_convnet:
        start = time.perf_counter()
        Y_train = convert_to_one_hot(Y_train_orig, 6).T.astype(np.float32)
        Y_test = convert_to_one_hot(Y_test_orig, 6).T.astype(np.float32)
        train_acc, test_acc, costs, pred = convnet_accuracy(X_train, Y_train, X_test, Y_test,
                                                             epochs)
        confusion = np.zeros((6, 6), dtype=int)
        np.add.at(confusion, (y_test, pred), 1)
        results.update(convnet_train=train_acc, convnet_test=test_acc, convnet_epochs=epochs,
                       convnet_cost_first=costs[0], convnet_cost_last=costs[-1],
                       convnet_seconds=time.perf_counter() - start,
                       convnet_test_confusion=confusion.tolist())
    return results


def report(results):
    """Format the measurements as the Markdown table of the data card."""
    rows = [("pictures (train / test)", f"{results['m_train']} / {results['m_test']}"),
            ("per class (train / test)",
             f"{results['train_per_class']} / {results['test_per_class']}")]
    if "convnet_train" in results:
        rows += [(f"ConvNet, {results['convnet_epochs']} epochs: train / test accuracy",
                  f"{results['convnet_train']:.3f} / {results['convnet_test']:.3f}"),
                 ("ConvNet cost, first / last epoch",
                  f"{results['convnet_cost_first']:.3f} / {results['convnet_cost_last']:.3f}"),
                 ("ConvNet training time", f"{results['convnet_seconds']:.0f} s")]
    rows += [("softmax regression on pixels: train / test accuracy",
              f"{results['linear_train']:.3f} / {results['linear_test']:.3f}"),
             ("1-nearest-neighbour on pixels: test accuracy", f"{results['knn1_test']:.3f}"),
             ("test→nearest train RMS distance: min / median",
              f"{results['test_nn_min']:.3f} / {results['test_nn_median']:.3f}"),
             ("train→nearest other train RMS distance: median",
              f"{results['train_nn_median']:.3f}"),
             ("train↔train RMS distance: median of all pairs",
              f"{results['train_pair_median']:.3f}")]
    lines = ["| measurement | value |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def meets_bar(results):
    """The quality bar: ConvNet train >= 0.90, test in [0.80, 0.97], and the pixel baseline
    at least 0.15 below the ConvNet on the test set."""
    return (results["convnet_train"] >= 0.90 and 0.80 <= results["convnet_test"] <= 0.97
            and results["linear_test"] <= results["convnet_test"] - 0.15)


def seed_sweep(seeds, test_per_class=100, epochs=100):
    """Build a fresh data set per generator seed (1080 training pictures, 6 * test_per_class
    test pictures) in a temporary folder and measure each.

    Returns:
    rows -- list of (seed, results dict)
    """
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            folder = Path(tmp) / str(seed)
            folder.mkdir()
            for prefix, (stream, per_class) in generate_signs.SPLITS.items():
                per_class = test_per_class if prefix == "test" else per_class
                X, y = generate_signs.build_split(seed, stream, per_class)
                generate_signs.write_h5(folder / f"{prefix}_signs.h5", prefix, X, y)
            rows.append((seed, evaluate(folder, epochs)))
            print(f"seed {seed}: ConvNet {rows[-1][1]['convnet_train']:.3f} / "
                  f"{rows[-1][1]['convnet_test']:.3f}, softmax regression test "
                  f"{rows[-1][1]['linear_test']:.3f}", flush=True)
    return rows


def sweep_report(rows):
    """Markdown table of a seed sweep, with the mean of each column."""
    keys = ["convnet_train", "convnet_test", "linear_test", "knn1_test"]
    lines = ["| seed | m_test | ConvNet train | ConvNet test | softmax regression test | "
             "1-NN test |", "| --- | --- | --- | --- | --- | --- |"]
    for seed, r in rows:
        lines.append(f"| {seed} | {r['m_test']} | " + " | ".join(f"{r[k]:.3f}" for k in keys)
                     + " |")
    means = [np.mean([r[k] for _, r in rows]) for k in keys]
    lines.append("| mean | | " + " | ".join(f"{v:.3f}" for v in means) + " |")
    return "\n".join(lines)


def main(argv=None):
    """Command line: print the measurements; exit 1 if the quality bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="folder with the .h5 files (default: loader's search)")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--skip-convnet", action="store_true")
    parser.add_argument("--seeds", type=int, nargs="+",
                        help="measure fresh data sets built with these generator seeds instead")
    parser.add_argument("--test-per-class", type=int, default=100,
                        help="test pictures per class in a --seeds sweep")
    args = parser.parse_args(argv)
    if args.seeds:
        rows = seed_sweep(args.seeds, args.test_per_class, args.epochs)
        print(sweep_report(rows))
        return 0 if all(meets_bar(r) for _, r in rows) else 1
    results = evaluate(args.data_dir, args.epochs, args.skip_convnet)
    print(report(results))
    if "convnet_train" in results:
        ok = meets_bar(results)
        print("quality bar:", "met" if ok else "MISSED")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The SIGNS data set: loading it, and the two small helpers the SIGNS notebooks share.

SIGNS pictures are 64x64 RGB images of a hand holding up 0 to 5 fingers; the label is the
number of fingers.  The files are HDF5, in the layout of the original course files:

    train_signs.h5   train_set_x (m_train, 64, 64, 3) uint8   train_set_y (m_train,) integer
                     list_classes (6,) integer = 0..5
    test_signs.h5    test_set_x  (m_test, 64, 64, 3) uint8    test_set_y  (m_test,) integer
                     list_classes (6,) integer = 0..5

The course builds its own synthetic copy (``make data``, or
``python datasets/generate_signs.py --out datasets``) with m_train = 1080 and m_test = 120.
A copy of the original files dropped into ``./datasets/`` (or a folder named by the
``SIGNS_DATA_DIR`` environment variable) is picked up instead, with no change of code.
Extra keys in a file are ignored and any integer dtype is accepted for labels and classes;
the loader always returns int64 labels and classes.
"""
import os
from pathlib import Path

import h5py
import numpy as np

__all__ = ["load_dataset", "convert_to_one_hot", "random_mini_batches"]

TRAIN_FILE = "train_signs.h5"
TEST_FILE = "test_signs.h5"
IMAGE_SHAPE = (64, 64, 3)
N_CLASSES = 6
ENV_VAR = "SIGNS_DATA_DIR"
REPO_DATA_DIR = Path(__file__).resolve().parents[1] / "datasets"
BUILD_HINT = ("Build the course's copy with `make data` (or "
              "`python datasets/generate_signs.py --out datasets` from the repository root), "
              "or point the SIGNS_DATA_DIR environment variable at a folder holding "
              "train_signs.h5 and test_signs.h5.")


class SignsDataMissing(FileNotFoundError):
    """A SIGNS file is not where the loader looked."""


class SignsDataError(ValueError):
    """A SIGNS file exists but does not have the expected keys, shapes or dtypes."""


def _expected_layout(prefix):
    """Describe the keys of one SIGNS file, for error messages.

    Arguments:
    prefix -- "train" or "test"

    Returns:
    text -- one line per key: name, shape, dtype
    """
    return (f"  {prefix}_set_x  (m, 64, 64, 3) uint8\n"
            f"  {prefix}_set_y  (m,) integer (labels 0..5)\n"
            f"  list_classes  (6,) integer = [0 1 2 3 4 5]")


def find_data_dir(data_dir=None):
    """Choose the folder the SIGNS files are read from.

    Order: the ``data_dir`` argument; the ``SIGNS_DATA_DIR`` environment variable;
    ``./datasets`` under the current working directory if it holds train_signs.h5 (a user's
    own copy); the repository's ``datasets`` folder next to this package.

    Arguments:
    data_dir -- str, Path or None

    Returns:
    path -- Path of the chosen folder (its files are not checked here)
    """
    if data_dir is not None:
        return Path(data_dir)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    local = Path.cwd() / "datasets"
    if (local / TRAIN_FILE).is_file():
        return local
    return REPO_DATA_DIR


def _read_array(h5file, path, key, prefix):
    """Read one dataset of an open HDF5 file into memory, or raise SignsDataError."""
    if key not in h5file or not isinstance(h5file[key], h5py.Dataset):
        raise SignsDataError(
            f"{path} has no dataset '{key}' (it holds: {sorted(h5file.keys())}).\n"
            f"Expected keys, shapes and dtypes:\n{_expected_layout(prefix)}")
    return h5file[key][()]


def _check_split(path, prefix, x, y, classes):
    """Validate the arrays of one file; raise SignsDataError naming what is wrong.

    Arguments:
    x -- images, expected (m, 64, 64, 3) uint8
    y -- labels, expected (m,) of an integer dtype, values in ``classes``
    classes -- expected (6,) of an integer dtype, equal to 0..5
    """
    def bad(what):
        return SignsDataError(f"{path}: {what}.\nExpected keys, shapes and dtypes:\n"
                              f"{_expected_layout(prefix)}")

    if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE or x.shape[0] == 0:
        raise bad(f"{prefix}_set_x has shape {x.shape}, not (m, 64, 64, 3)")
    if x.dtype != np.uint8:
        raise bad(f"{prefix}_set_x has dtype {x.dtype}, not uint8")
    if y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise bad(f"{prefix}_set_y has shape {y.shape}, not ({x.shape[0]},) to match "
                  f"{prefix}_set_x")
    if not np.issubdtype(y.dtype, np.integer):
        raise bad(f"{prefix}_set_y has dtype {y.dtype}, not an integer dtype")
    if classes.shape != (N_CLASSES,) or not np.issubdtype(classes.dtype, np.integer):
        raise bad(f"list_classes has shape {classes.shape} and dtype {classes.dtype}, "
                  f"not (6,) integer")
    if not np.array_equal(classes, np.arange(N_CLASSES)):
        raise bad(f"list_classes is {classes}, not [0 1 2 3 4 5]")
    if y.min() < 0 or y.max() >= N_CLASSES:
        raise bad(f"{prefix}_set_y has labels outside 0..5 (min {y.min()}, max {y.max()})")


def _load_split(folder, filename, prefix):
    """Load one SIGNS file.

    Returns:
    x -- (m, 64, 64, 3) uint8
    y -- (m,) int64
    classes -- (6,) int64
    """
    path = folder / filename
    if not path.is_file():
        raise SignsDataMissing(f"SIGNS file not found: {path}\n{BUILD_HINT}\n"
                               f"Expected keys, shapes and dtypes:\n{_expected_layout(prefix)}")
    try:
        h5file = h5py.File(path, "r")
    except OSError as err:
        raise SignsDataError(f"{path} is not a readable HDF5 file ({err}).\n"
                             f"Expected keys, shapes and dtypes:\n{_expected_layout(prefix)}"
                             ) from err
    with h5file:
        x = _read_array(h5file, path, f"{prefix}_set_x", prefix)
        y = _read_array(h5file, path, f"{prefix}_set_y", prefix)
        classes = _read_array(h5file, path, "list_classes", prefix)
    _check_split(path, prefix, x, y, classes)
    return x, y.astype(np.int64), classes.astype(np.int64)


def load_dataset(data_dir=None):
    """Load the SIGNS training and test sets.

    Arguments:
    data_dir -- folder holding train_signs.h5 and test_signs.h5; None searches, in order,
                $SIGNS_DATA_DIR, ./datasets (if it holds train_signs.h5), the repository's
                datasets folder

    Returns:
    X_train_orig -- (m_train, 64, 64, 3) uint8 images
    Y_train_orig -- (1, m_train) int64 labels, a row vector
    X_test_orig -- (m_test, 64, 64, 3) uint8 images
    Y_test_orig -- (1, m_test) int64 labels, a row vector
    classes -- (6,) int64, the class values 0..5

    Raises:
    SignsDataMissing (a FileNotFoundError) if a file is absent;
    SignsDataError (a ValueError) if a file lacks a key or has a wrong shape or dtype.
    """
    folder = find_data_dir(data_dir)
    X_train_orig, y_train, classes = _load_split(folder, TRAIN_FILE, "train")
    X_test_orig, y_test, _ = _load_split(folder, TEST_FILE, "test")
    return (X_train_orig, y_train.reshape(1, -1), X_test_orig, y_test.reshape(1, -1), classes)


def convert_to_one_hot(Y, C):
    """Turn integer labels into one-hot columns.

    Arguments:
    Y -- integer labels of any shape holding m values, e.g. (1, m) or (m,), each in 0..C-1
    C -- number of classes

    Returns:
    one_hot -- (C, m) float64, one_hot[c, i] = 1 where label i is c (transpose it for (m, C))
    """
    labels = np.asarray(Y).reshape(-1)
    if not np.issubdtype(labels.dtype, np.integer):
        # The classic helper accepted whole-number float labels; keep that, reject fractions.
        if not np.all(labels == np.round(labels)):
            raise ValueError("convert_to_one_hot: labels must be whole numbers")
        labels = labels.astype(np.int64)
    if labels.size and (labels.min() < 0 or labels.max() >= C):
        raise ValueError(f"convert_to_one_hot: labels must lie in 0..{C - 1}")
    return np.eye(C)[labels].T


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle (X, Y) together and cut them into mini-batches.

    Sets ``np.random.seed(seed)`` and draws one permutation of the m examples, so the same
    seed always gives the same batches.  Full batches come first, then one partial batch of
    the m % mini_batch_size examples left over (none if it divides m).

    Arguments:
    X -- input data, (m, n_H, n_W, n_C)
    Y -- labels, (m, n_y), e.g. one-hot
    mini_batch_size -- number of examples per mini-batch, an int >= 1
    seed -- seed of NumPy's global random generator

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y): (size, n_H, n_W, n_C) and (size, n_y)
    """
    m = X.shape[0]
    if Y.shape[0] != m:
        raise ValueError(f"random_mini_batches: X has {m} examples but Y has {Y.shape[0]}")
    np.random.seed(seed)
    permutation = list(np.random.permutation(m))
    shuffled_X = X[permutation]
    shuffled_Y = Y[permutation]
    return [(shuffled_X[k:k + mini_batch_size], shuffled_Y[k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]

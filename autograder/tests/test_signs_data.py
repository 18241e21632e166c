"""The course's SIGNS data: the generator (datasets/generate_signs.py) and the one loader
(coursekit.signs).

Most tests render a handful of pictures; one builds the full files (~15-30 s on 2 cores).
"""
import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from coursekit import signs
from coursekit.signs import convert_to_one_hot, load_dataset, random_mini_batches

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "datasets" / "generate_signs.py"


def _import_generator():
    """Import datasets/generate_signs.py (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("generate_signs", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _import_generator()


def _write_split(path, prefix, X, y, classes=np.arange(6), **extra):
    """Write a file in the original SIGNS layout, plus any extra datasets."""
    with h5py.File(path, "w") as f:
        f.create_dataset(f"{prefix}_set_x", data=X)
        f.create_dataset(f"{prefix}_set_y", data=y)
        f.create_dataset("list_classes", data=classes)
        for key, value in extra.items():
            f.create_dataset(key, data=value)


def _tiny_arrays(m, seed):
    """Random stand-in pictures: (m, 64, 64, 3) uint8 and (m,) int64 labels 0..5."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 256, (m, 64, 64, 3), dtype=np.uint8)
    y = np.arange(m, dtype=np.int64) % 6
    return X, y


@pytest.fixture
def tiny_dir(tmp_path):
    """A folder with small, valid train (12 pictures) and test (6 pictures) files."""
    X, y = _tiny_arrays(12, 0)
    _write_split(tmp_path / "train_signs.h5", "train", X, y)
    X, y = _tiny_arrays(6, 1)
    _write_split(tmp_path / "test_signs.h5", "test", X, y)
    return tmp_path


def _rms(A, B):
    """RMS per-pixel distance (0..1 scale) between all pictures of A (p, ...) and B (q, ...)."""
    a = A.reshape(len(A), -1).astype(np.float64) / 255
    b = B.reshape(len(B), -1).astype(np.float64) / 255
    sq = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.maximum(sq, 0) / a.shape[1])


# ----------------------------------------------------------------------------- generator

def test_render_images_schema():
    X = gen.render_images([0, 1, 2, 3, 4, 5], seed=3)
    assert X.shape == (6, 64, 64, 3) and X.dtype == np.uint8
    assert X.std() > 10, "pictures should not be blank"
    assert len({x.tobytes() for x in X}) == 6


def test_same_seed_same_bytes_and_seeds_streams_differ():
    labels = [0, 3, 5, 2]
    a = gen.render_images(labels, seed=11)
    b = gen.render_images(labels, seed=11)
    assert a.tobytes() == b.tobytes()
    assert not np.array_equal(a, gen.render_images(labels, seed=12))
    assert not np.array_equal(a, gen.render_images(labels, seed=11, stream=gen.TEST_STREAM))
    # A picture depends on its own index only, so a subset renders to the same bytes.
    one = gen.render_images([labels[2]], seed=11, start=2)
    assert one[0].tobytes() == a[2].tobytes()


def test_split_labels_balanced_and_seeded():
    for stream, per_class in gen.SPLITS.values():
        y = gen.split_labels(7, stream, per_class)
        assert y.dtype == np.int64
        assert np.bincount(y, minlength=6).tolist() == [per_class] * 6
    assert np.array_equal(gen.split_labels(7, 0, 180), gen.split_labels(7, 0, 180))
    assert not np.array_equal(gen.split_labels(7, 0, 180), gen.split_labels(8, 0, 180))
    assert gen.SPLITS["train"][1] * 6 == 1080 and gen.SPLITS["test"][1] * 6 == 120


def test_train_and_test_streams_are_disjoint():
    draws = {(s, i): gen.picture_rng(5, s, i).integers(0, 2**63, 4).tolist()
             for s in (gen.TRAIN_STREAM, gen.TEST_STREAM) for i in range(50)}
    assert len({tuple(v) for v in draws.values()}) == len(draws)


def test_every_class_draws_its_number_of_digits():
    for label, options in gen.DIGIT_SETS.items():
        for digits, _ in options:
            assert len(set(digits)) == label and set(digits) <= {0, 1, 2, 3, 4}


def test_full_build_schema_balance_and_reproducibility(tmp_path):
    seed = 99
    paths = gen.build_files(tmp_path, seed)
    assert sorted(p.name for p in paths) == ["test_signs.h5", "train_signs.h5"]
    for prefix, m in (("train", 1080), ("test", 120)):
        with h5py.File(tmp_path / f"{prefix}_signs.h5", "r") as f:
            assert sorted(f.keys()) == sorted(["list_classes", f"{prefix}_set_x",
                                               f"{prefix}_set_y"])
            x, y, c = f[f"{prefix}_set_x"], f[f"{prefix}_set_y"], f["list_classes"]
            assert (x.shape, x.dtype) == ((m, 64, 64, 3), np.uint8)
            assert (y.shape, y.dtype) == ((m,), np.int64)
            assert (c.shape, c.dtype) == ((6,), np.int64)
            assert c[()].tolist() == [0, 1, 2, 3, 4, 5]
            assert np.bincount(y[()], minlength=6).tolist() == [m // 6] * 6
            X, Y = x[()], y[()]
        # Pictures in the file are the ones render_images gives for their index.
        stream = gen.SPLITS[prefix][0]
        for i in (0, m // 2, m - 1):
            again = gen.render_images([Y[i]], seed=seed, stream=stream, start=i)[0]
            assert again.tobytes() == X[i].tobytes()
    X_train, Y_train, X_test, Y_test, classes = load_dataset(tmp_path)
    assert X_train.shape == (1080, 64, 64, 3) and Y_test.shape == (1, 120)
    # Nothing in the test split repeats a training picture, even nearly.
    assert _rms(X_test, X_train).min() > 0.03


def test_files_are_byte_identical_for_the_same_seed(tmp_path):
    """Two builds of a small split write the same HDF5 bytes (no timestamps inside)."""
    digests = []
    for run in ("a", "b"):
        X, y = gen.build_split(seed=4, stream=gen.TEST_STREAM, per_class=2)
        path = tmp_path / f"{run}.h5"
        gen.write_h5(path, "test", X, y)
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_cli_writes_gallery(tmp_path):
    out = tmp_path / "gallery.png"
    subprocess.run([sys.executable, str(GENERATOR), "--gallery", str(out), "--seed", "3"],
                   check=True, capture_output=True, cwd=tmp_path)
    from PIL import Image
    with Image.open(out) as image:
        width, height = image.size
    assert height >= 6 * 64 and width >= 8 * 64


def test_no_near_duplicates_between_fresh_train_and_test_pictures():
    labels = np.arange(60) % 6
    train = gen.render_images(labels, seed=21, stream=gen.TRAIN_STREAM)
    test = gen.render_images(labels[:30], seed=21, stream=gen.TEST_STREAM)
    between = _rms(test, train).min(1)
    within = _rms(train, train) + np.diag(np.full(60, np.inf))
    assert between.min() > 0.25 * np.median(within.min(1))


def test_shipped_files_have_no_near_duplicates():
    folder = REPO / "datasets"
    if not (folder / "train_signs.h5").is_file() or not (folder / "test_signs.h5").is_file():
        pytest.skip("datasets/*.h5 not built yet (run `make data`)")
    X_train, Y_train, X_test, Y_test, _ = load_dataset(folder)
    between = _rms(X_test, X_train).min(1)
    within = _rms(X_train, X_train)
    np.fill_diagonal(within, np.inf)
    typical = np.median(within.min(1))
    assert between.min() > 0.25 * typical, (between.min(), typical)
    assert within.min() > 0.25 * typical, "two training pictures are (nearly) the same"


# ----------------------------------------------------------------------------- loader

def test_load_dataset_returns_classic_shapes_and_dtypes(tiny_dir):
    X_train, Y_train, X_test, Y_test, classes = load_dataset(tiny_dir)
    assert (X_train.shape, X_train.dtype) == ((12, 64, 64, 3), np.uint8)
    assert (Y_train.shape, Y_train.dtype) == ((1, 12), np.int64)
    assert (X_test.shape, Y_test.shape) == ((6, 64, 64, 3), (1, 6))
    assert (classes.shape, classes.dtype) == ((6,), np.int64)
    expected_X, expected_y = _tiny_arrays(12, 0)
    assert np.array_equal(X_train, expected_X)
    assert np.array_equal(Y_train[0], expected_y)


@pytest.mark.parametrize("label_dtype,class_dtype", [
    (np.int64, np.int64), (np.int32, np.int64), (np.int64, np.int32), (np.uint8, np.uint8)])
def test_original_layout_variants_load(tmp_path, label_dtype, class_dtype):
    """The original files' layout, with extra keys, chunked storage and other integer dtypes."""
    X, y = _tiny_arrays(7, 2)
    _write_split(tmp_path / "train_signs.h5", "train", X, y.astype(label_dtype),
                 np.arange(6, dtype=class_dtype), note=np.bytes_("extra key"))
    with h5py.File(tmp_path / "test_signs.h5", "w") as f:
        f.create_dataset("test_set_x", data=X[:5], chunks=(1, 64, 64, 3), compression="gzip")
        f.create_dataset("test_set_y", data=y[:5].astype(label_dtype))
        f.create_dataset("list_classes", data=np.arange(6, dtype=class_dtype))
        f.create_group("metadata").create_dataset("origin", data=np.arange(3))
    X_train, Y_train, X_test, Y_test, classes = load_dataset(tmp_path)
    assert Y_train.dtype == np.int64 and classes.dtype == np.int64
    assert np.array_equal(Y_test[0], y[:5]) and np.array_equal(X_test, X[:5])
    assert classes.tolist() == [0, 1, 2, 3, 4, 5]


def test_search_order(tiny_dir, tmp_path_factory, monkeypatch):
    other = tmp_path_factory.mktemp("other")
    X, y = _tiny_arrays(3, 5)
    _write_split(other / "train_signs.h5", "train", X, y)
    _write_split(other / "test_signs.h5", "test", X, y)
    workdir = tmp_path_factory.mktemp("work")
    (workdir / "datasets").symlink_to(tiny_dir, target_is_directory=True)
    monkeypatch.chdir(workdir)

    monkeypatch.delenv(signs.ENV_VAR, raising=False)
    assert load_dataset()[0].shape[0] == 12                 # ./datasets of the cwd
    monkeypatch.setenv(signs.ENV_VAR, str(other))
    assert load_dataset()[0].shape[0] == 3                  # the environment variable wins
    assert load_dataset(tiny_dir)[0].shape[0] == 12         # an explicit folder wins over both
    monkeypatch.delenv(signs.ENV_VAR)
    monkeypatch.chdir(other.parent)                         # no ./datasets here
    assert signs.find_data_dir() == REPO / "datasets"


def test_missing_file_error_says_how_to_build(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        load_dataset(tmp_path)
    message = str(info.value)
    assert "train_signs.h5" in message and "make data" in message
    assert "generate_signs.py" in message and "train_set_x" in message and "uint8" in message


def test_missing_test_file_is_named(tiny_dir):
    (tiny_dir / "test_signs.h5").unlink()
    with pytest.raises(FileNotFoundError, match="test_signs.h5"):
        load_dataset(tiny_dir)


def _break_train(folder, **overrides):
    """Rewrite folder/train_signs.h5 with some datasets replaced (None drops a key)."""
    X, y = _tiny_arrays(12, 0)
    data = {"train_set_x": X, "train_set_y": y, "list_classes": np.arange(6)}
    data.update(overrides)
    with h5py.File(folder / "train_signs.h5", "w") as f:
        for key, value in data.items():
            if value is not None:
                f.create_dataset(key, data=value)


@pytest.mark.parametrize("overrides,words", [
    ({"train_set_y": None}, ["train_set_y", "no dataset"]),
    ({"list_classes": None}, ["list_classes"]),
    ({"train_set_x": np.zeros((12, 32, 32, 3), np.uint8)}, ["train_set_x", "(12, 32, 32, 3)"]),
    ({"train_set_x": np.zeros((12, 64, 64), np.uint8)}, ["train_set_x", "shape"]),
    ({"train_set_x": np.zeros((12, 64, 64, 3), np.float32)}, ["train_set_x", "float32"]),
    ({"train_set_y": np.zeros(11, np.int64)}, ["train_set_y", "(11,)"]),
    ({"train_set_y": np.zeros((1, 12), np.int64)}, ["train_set_y", "(1, 12)"]),
    ({"train_set_y": np.zeros(12, np.float64)}, ["train_set_y", "float64"]),
    ({"train_set_y": np.full(12, 6)}, ["train_set_y", "outside"]),
    ({"list_classes": np.arange(5)}, ["list_classes", "(5,)"]),
    ({"list_classes": np.arange(1, 7)}, ["list_classes"]),
])
def test_malformed_file_errors_name_the_problem(tiny_dir, overrides, words):
    _break_train(tiny_dir, **overrides)
    with pytest.raises(ValueError) as info:
        load_dataset(tiny_dir)
    message = str(info.value)
    for word in words + ["train_signs.h5", "Expected keys"]:
        assert word in message, (word, message)


def test_not_an_hdf5_file(tiny_dir):
    (tiny_dir / "train_signs.h5").write_bytes(b"not an HDF5 file")
    with pytest.raises(ValueError, match="train_signs.h5"):
        load_dataset(tiny_dir)


# ----------------------------------------------------------------------------- helpers

def test_convert_to_one_hot():
    Y = np.array([[1, 0, 5, 2, 2]])
    one_hot = convert_to_one_hot(Y, 6)
    assert one_hot.shape == (6, 5) and np.issubdtype(one_hot.dtype, np.floating)
    assert one_hot.sum(0).tolist() == [1.0] * 5
    assert one_hot.argmax(0).tolist() == [1, 0, 5, 2, 2]
    assert np.array_equal(convert_to_one_hot(Y.ravel(), 6), one_hot)
    assert convert_to_one_hot(np.array([[2, 0]]), 3).T.tolist() == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(ValueError):
        convert_to_one_hot(np.array([[6]]), 6)


def _indexed_data(m):
    """X (m, 4, 3, 2) and one-hot Y (m, 6) whose rows carry their example index."""
    X = np.arange(m, dtype=np.float64)[:, None, None, None] * np.ones((m, 4, 3, 2))
    Y = convert_to_one_hot(np.arange(m) % 6, 6).T
    return X, Y


@pytest.mark.parametrize("m,size,expected", [
    (148, 64, [64, 64, 20]), (128, 64, [64, 64]), (10, 3, [3, 3, 3, 1]), (5, 64, [5])])
def test_mini_batch_sizes(m, size, expected):
    X, Y = _indexed_data(m)
    batches = random_mini_batches(X, Y, size, seed=1)
    assert [b[0].shape[0] for b in batches] == expected
    assert [b[1].shape[0] for b in batches] == expected
    assert all(b[0].shape[1:] == (4, 3, 2) and b[1].shape[1:] == (6,) for b in batches)


def test_mini_batches_pair_rows_and_cover_everything_once():
    X, Y = _indexed_data(148)
    batches = random_mini_batches(X, Y, 64, seed=3)
    index = np.concatenate([b[0][:, 0, 0, 0] for b in batches]).astype(int)
    labels = np.concatenate([b[1].argmax(1) for b in batches])
    assert sorted(index.tolist()) == list(range(148))
    assert np.array_equal(labels, index % 6)
    assert not np.array_equal(index, np.arange(148)), "examples should be shuffled"


def test_mini_batches_follow_the_numpy_seed():
    X, Y = _indexed_data(100)
    first = [b[0][:, 0, 0, 0] for b in random_mini_batches(X, Y, 32, seed=4)]
    again = [b[0][:, 0, 0, 0] for b in random_mini_batches(X, Y, 32, seed=4)]
    other = [b[0][:, 0, 0, 0] for b in random_mini_batches(X, Y, 32, seed=5)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[0], other[0])
    np.random.seed(4)  # one permutation of m after seeding, as the classic course does
    assert np.array_equal(np.concatenate(first), np.random.permutation(100).astype(float))


def test_mini_batch_mismatched_lengths_raise():
    X, Y = _indexed_data(10)
    with pytest.raises(ValueError):
        random_mini_batches(X, Y[:9], 4)

"""Render the course's own SIGNS-format data set: hands holding up 0 to 5 fingers.

Every picture is drawn from scratch with NumPy: the hand is a set of shapes (forearm, palm,
fingers, thumb) described by signed distance functions in a "hand frame" (palm about one unit
wide, fingers pointing up), placed in the picture by a random rotation, scale, shift and
mirror.  Each shape is shaded as a rounded solid lit from one direction, so fingers show
edges and folded fingers show knuckles; the picture is rendered at twice the final size and
averaged down for anti-aliasing, then lighting, colour cast and sensor noise are applied.

The label is the number of raised digits: index, then middle, ring and pinky, and the thumb
for five (a folded thumb lies across the palm).  Raised fingers fan out evenly, so the fan
widens with the count.  Skin tone, background (plain, gradient, blotchy texture, a wall and a
table, out-of-focus clutter), position, size, rotation, handedness, finger spread, length and
bend, nails, light direction, exposure, colour cast, vignetting, defocus and sensor noise vary
from picture to picture; the ranges are in VARIATION.

Determinism: picture i of stream s under seed N is drawn from its own generator,
``SeedSequence(N, spawn_key=(s, 0, i))``; train (s = 0) and test (s = 1) never share a stream.
Same seed, same bytes.

Usage (from the repository root):
    python datasets/generate_signs.py --out datasets [--seed N] [--gallery datasets/gallery.png]
"""
import argparse
import time
from pathlib import Path

import numpy as np

N_CLASSES = 6
IMAGE_SIZE = 64
SUPERSAMPLE = 2
DEFAULT_SEED = 1  # see datasets/README.md, "Measured quality", for why 1
TRAIN_STREAM, TEST_STREAM = 0, 1
SPLITS = {"train": (TRAIN_STREAM, 180), "test": (TEST_STREAM, 20)}  # stream, per class

# Digits: 0 thumb, 1 index, 2 middle, 3 ring, 4 pinky.  For each count, the sets of raised
# digits we draw and how often.  Other conventions (thumb + index + middle for three, a thumb
# alone for one) were tried and left out: with 180 pictures a class, a second pose per class
# costs the course's small ConvNet 5 to 10 points of test accuracy.
DIGIT_SETS = {
    0: [((), 1.0)],
    1: [((1,), 1.0)],
    2: [((1, 2), 1.0)],
    3: [((1, 2, 3), 1.0)],
    4: [((1, 2, 3, 4), 1.0)],
    5: [((0, 1, 2, 3, 4), 1.0)],
}

# Hand-frame geometry of the four fingers (index..pinky): base x, relative length, radius.
FINGER_X = np.array([0.34, 0.115, -0.115, -0.33])
FINGER_LEN = np.array([0.90, 1.0, 0.93, 0.74])
FINGER_R = np.array([0.105, 0.11, 0.104, 0.092])

# Skin tones (linear RGB in 0..1), from light to dark; a picture mixes two neighbours.
SKIN_TONES = np.array([
    [0.96, 0.80, 0.69], [0.91, 0.72, 0.58], [0.84, 0.62, 0.48], [0.72, 0.51, 0.37],
    [0.58, 0.39, 0.27], [0.44, 0.29, 0.20], [0.33, 0.22, 0.16],
])


# ----------------------------------------------------------------------------- shapes

def capsule_sdf(px, py, a, b, r):
    """Signed distance to a capsule (segment a-b thickened by r); negative inside.

    Arguments:
    px, py -- (H, W) hand-frame coordinates of every pixel
    a, b -- (2,) segment end points
    r -- radius

    Returns:
    sdf -- (H, W)
    """
    ax, ay = px - a[0], py - a[1]
    bx, by = b[0] - a[0], b[1] - a[1]
    t = np.clip((ax * bx + ay * by) / (bx * bx + by * by + 1e-12), 0.0, 1.0)
    return np.hypot(ax - t * bx, ay - t * by) - r


def rounded_box_sdf(px, py, centre, half, radius):
    """Signed distance to an axis-aligned box with rounded corners; negative inside.

    Arguments:
    px, py -- (H, W) coordinates
    centre -- (2,) box centre
    half -- (2,) half width and half height, corners included
    radius -- corner radius (< both halves)

    Returns:
    sdf -- (H, W)
    """
    qx = np.abs(px - centre[0]) - (half[0] - radius)
    qy = np.abs(py - centre[1]) - (half[1] - radius)
    outside = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
    inside = np.minimum(np.maximum(qx, qy), 0.0)
    return outside + inside - radius


def smooth_union(d1, d2, k):
    """Union of two SDFs with a rounded seam of width ~k (a polynomial smooth minimum)."""
    h = np.clip(0.5 + 0.5 * (d2 - d1) / k, 0.0, 1.0)
    return d2 * (1 - h) + d1 * h - k * h * (1 - h)


def rotate(v, angle):
    """Rotate a 2-vector by angle radians (counter-clockwise in the hand frame)."""
    c, s = np.cos(angle), np.sin(angle)
    return np.array([c * v[0] - s * v[1], s * v[0] + c * v[1]])


def bent_digit(base, angle, length, radius, bend, split=0.55):
    """Two capsules (proximal, distal) of a raised digit.

    Arguments:
    base -- (2,) where the digit leaves the palm
    angle -- direction from straight up, radians (positive tilts towards -x)
    length, radius -- of the whole digit
    bend -- extra angle of the distal part, radians

    Returns:
    segments -- list of (a, b, r) capsules
    """
    up = np.array([0.0, 1.0])
    joint = base + rotate(up, angle) * length * split
    tip = joint + rotate(up, angle + bend) * length * (1 - split)
    return [(base, joint, radius), (joint, tip, radius * 0.93)]


# ----------------------------------------------------------------------------- the hand

# How much pictures vary.  These ranges set the difficulty: datasets/evaluate_signs.py checks
# that the Assignment 2 ConvNet (two tiny conv layers, pooling down to 2x2) learns the task
# well but not perfectly.  Measured while tuning (see datasets/README.md): that network loses
# the most to small hands (palm a third of the picture: test ~0.65), a second pose per class,
# wall colours close to the skin, and busy textures such as stripes, which look like fingers
# to a 4x4 filter; low contrast also makes its Adam run at lr 0.009 stall now and then.
VARIATION = {
    "angle_sd": 0.07,             # whole-hand rotation, radians
    "scale": (0.50, 0.56),        # palm width / picture width (a close-up, as in SIGNS)
    "centre_x": (0.40, 0.60),     # palm centre, fraction of the picture
    "centre_y": (0.78, 0.82),
    "spread": (0.30, 0.42),       # angle between neighbouring raised fingers, radians
    "skin_tone": (0.0, 6.0),      # index range into SKIN_TONES (the full range)
    "backgrounds": {"plain": 0.25, "gradient": 0.3, "noise": 0.3, "split": 0.15},
    "background_grey": (0.30, 1.00),
    "texture_cells": (2, 7),      # blotch grid of the noise texture (more cells, finer)
    "min_contrast": 0.35,         # least luminance difference between skin and wall colours
    "clutter": 0.2,               # mean number of blobs on the background
    "skin_like_clutter": 0.1,     # chance that a blob of clutter is skin-coloured
    "light_xy": 0.5,              # how far the light may come from the side (0: frontal)
    "noise_sd": (1.0, 5.0),       # sensor noise, 0..255 scale
    "knuckle_shade": 0.9,         # brightness of folded fingers relative to the palm
    "fold_depth": (0.08, 0.16),   # how far folded fingers reach down the palm, hand units
}


def choose_digits(rng, label):
    """Pick which digits are raised for a count.

    Returns:
    raised -- tuple of digit numbers (0 thumb, 1 index, ..., 4 pinky), len == label
    """
    sets, weights = zip(*DIGIT_SETS[label])
    return sets[rng.choice(len(sets), p=np.array(weights) / sum(weights))]


def sample_hand(rng, label):
    """Draw the random description of one hand showing `label` fingers.

    Returns:
    hand -- dict of plain numbers and arrays (pose, geometry, colours, lighting)
    """
    v = VARIATION
    raised = choose_digits(rng, label)
    tone = rng.uniform(*v["skin_tone"])
    lo = int(tone)
    hi = min(lo + 1, len(SKIN_TONES) - 1)
    skin = SKIN_TONES[lo] + (tone - lo) * (SKIN_TONES[hi] - SKIN_TONES[lo])
    skin = np.clip(skin * rng.uniform(0.92, 1.08, 3), 0, 1)
    lxy = v["light_xy"]
    light = np.array([rng.uniform(-lxy, lxy), rng.uniform(-lxy, 0.6 * lxy), rng.uniform(0.5, 1.0)])
    return {
        "raised": raised,
        "skin": skin,
        "mirror": rng.random() < 0.5,
        "angle": rng.normal(0.0, v["angle_sd"]),
        "scale": rng.uniform(*v["scale"]),
        "centre": np.array([rng.uniform(*v["centre_x"]), rng.uniform(*v["centre_y"])]),
        "palm_half": np.array([rng.uniform(0.44, 0.52), rng.uniform(0.40, 0.50)]),
        "spread": rng.uniform(*v["spread"]),
        "finger_len": rng.uniform(0.85, 1.15),
        "finger_jitter": rng.normal(0.0, 0.06, 4),
        "angle_jitter": rng.normal(0.0, 0.05, 4),
        "finger_bend": rng.uniform(-0.1, 0.25, 4),
        "thumb_angle": rng.uniform(0.6, 1.25),
        "thumb_len": rng.uniform(0.62, 0.8),
        "fold_depth": rng.uniform(*v["fold_depth"]),
        "forearm_r": rng.uniform(0.33, 0.42),
        "forearm_bend": rng.normal(0.0, 0.15),
        "nails": rng.random() < 0.5,
        "light": light / np.linalg.norm(light),
        "ambient": rng.uniform(0.25, 0.45),
    }


def hand_parts(hand, px, py):
    """Signed distance fields of the hand's parts, back to front.

    Arguments:
    hand -- dict from sample_hand
    px, py -- (H, W) hand-frame coordinates of every pixel

    Returns:
    parts -- list of (sdf (H, W) in hand units, bevel radius in hand units, rgb (3,))
    """
    skin = hand["skin"]
    raised = hand["raised"]
    parts = []
    # Forearm under everything else (in view only when the hand is turned).
    wrist_end = np.array([0.0, -0.3])
    elbow = wrist_end + rotate(np.array([0.0, -3.5]), hand["forearm_bend"])
    arm = capsule_sdf(px, py, wrist_end, elbow, hand["forearm_r"])
    # Raised fingers go behind the palm, whose edge then draws the knuckle line at their base,
    # and fan out evenly (a V for two, a W for three), so the fan widens with the count.
    top = -0.05 + hand["palm_half"][1]
    up_fingers = [f for f in range(4) if f + 1 in raised]
    for k, f in enumerate(up_fingers):
        length = hand["finger_len"] * (FINGER_LEN[f] + hand["finger_jitter"][f])
        fan = k - (len(up_fingers) - 1) / 2  # index side (+x) first, tilting towards +x
        angle = hand["spread"] * fan + hand["angle_jitter"][f]
        base = np.array([FINGER_X[f] * hand["palm_half"][0] / 0.48, top - 0.12])
        segs = bent_digit(base, angle, length, FINGER_R[f], -hand["finger_bend"][f] * np.sign(fan))
        for a, b, r in segs:
            parts.append((capsule_sdf(px, py, a, b, r), r, skin))
        if hand["nails"]:
            a, b, r = segs[-1]
            d = (b - a) / (np.linalg.norm(b - a) + 1e-9)
            nail = capsule_sdf(px, py, b - d * 0.13, b - d * 0.04, r * 0.55)
            parts.append((nail, r * 0.5, np.clip(skin * 1.1 + 0.06, 0, 1)))
    thumb_base = np.array([hand["palm_half"][0] - 0.08, -0.22])
    if 0 in raised:
        segs = bent_digit(thumb_base, -hand["thumb_angle"], hand["thumb_len"], 0.125,
                          0.25 * hand["thumb_angle"], split=0.5)
        for a, b, r in segs:
            parts.append((capsule_sdf(px, py, a, b, r), r, skin))
    palm = rounded_box_sdf(px, py, (0.0, -0.05), hand["palm_half"], 0.3)
    parts.append((smooth_union(palm, arm, 0.25), 0.3, skin))
    # Folded fingers: knuckles on the palm's top edge, a little darker (turned from the light).
    for f in range(4):
        if f + 1 in raised:
            continue
        x = FINGER_X[f] * hand["palm_half"][0] / 0.48
        knuckle = capsule_sdf(px, py, (x, top + 0.02), (x, top - hand["fold_depth"]),
                              FINGER_R[f] * 1.08)
        parts.append((knuckle, FINGER_R[f], skin * VARIATION["knuckle_shade"]))
    if 0 not in raised:
        # Folded thumb lies across the palm (or across the folded fingers of a fist).
        tip = np.array([-0.05, top - hand["fold_depth"] - 0.05])
        parts.append((capsule_sdf(px, py, thumb_base, tip, 0.12), 0.12, skin * 0.95))
    return parts


def hand_coordinates(hand, size):
    """Map every pixel of a size x size picture into the hand frame.

    Returns:
    px, py -- (size, size) hand-frame coordinates (y up, palm ~1 unit wide)
    units_to_px -- pixels per hand unit
    """
    units_to_px = hand["scale"] * size
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64) + 0.5
    dx = (xx - hand["centre"][0] * size) / units_to_px
    dy = -(yy - hand["centre"][1] * size) / units_to_px
    c, s = np.cos(hand["angle"]), np.sin(hand["angle"])
    px, py = c * dx + s * dy, -s * dx + c * dy
    if hand["mirror"]:
        px = -px
    return px, py, units_to_px


def shade(sdf_px, bevel_px, light, ambient):
    """Lambert shading of a rounded solid whose cross-section follows its SDF.

    A cylinder of radius r has sdf = d - r, so 1 + sdf / r is the sine of its surface
    slope; the same rule with a bevel radius rounds any shape's edge.

    Arguments:
    sdf_px -- (H, W) signed distance in pixels
    bevel_px -- radius of the rounded edge, pixels
    light -- (3,) unit vector (x right, y down, z towards the viewer)
    ambient -- light reaching surfaces facing away

    Returns:
    intensity -- (H, W)
    """
    gy, gx = np.gradient(sdf_px)
    norm = np.hypot(gx, gy) + 1e-9
    slope = np.clip(1.0 + sdf_px / bevel_px, 0.0, 1.0)
    nz = np.sqrt(1.0 - slope ** 2)
    lambert = (gx / norm * slope * light[0] + gy / norm * slope * light[1] + nz * light[2])
    return ambient + (1.0 - ambient) * np.clip(lambert, 0.0, 1.0)


# ----------------------------------------------------------------------------- backgrounds

def value_noise(rng, size, cells):
    """Smooth random field in [0, 1]: a random grid of cells x cells, bilinearly upsampled.

    Returns:
    field -- (size, size)
    """
    grid = rng.random((cells + 1, cells + 1))
    t = np.linspace(0, cells, size, endpoint=False)
    i = t.astype(int)
    f = t - i
    f = f * f * (3 - 2 * f)  # smoothstep hides the grid lines
    rows = grid[i] * (1 - f)[:, None] + grid[i + 1] * f[:, None]
    return rows[:, i] * (1 - f)[None, :] + rows[:, i + 1] * f[None, :]


def luminance(rgb):
    """Perceived brightness of (..., 3) RGB values."""
    return np.asarray(rgb) @ np.array([0.3, 0.59, 0.11])


def random_colour(rng, avoid=None):
    """A muted colour (RGB in 0..1) for walls and clutter.

    Arguments:
    avoid -- a luminance the colour keeps at least VARIATION["min_contrast"] away from (the
             skin, so the hand's outline stays visible), or None for clutter, which may then
             be skin-like

    Returns:
    rgb -- (3,)
    """
    if avoid is None and rng.random() < VARIATION["skin_like_clutter"]:
        return np.clip(SKIN_TONES[rng.integers(len(SKIN_TONES))] * rng.uniform(0.8, 1.2), 0, 1)
    for _ in range(50):  # rejection sampling; keeps the last draw if none is far enough
        rgb = np.clip(rng.uniform(*VARIATION["background_grey"]) + rng.normal(0, 0.15, 3), 0, 1)
        if avoid is None or abs(luminance(rgb) - avoid) >= VARIATION["min_contrast"]:
            break
    return rgb


def background(rng, size, skin):
    """Draw a background: plain, gradient, blotchy noise texture, or a wall-and-table split,
    optionally with a few out-of-focus blobs of clutter.

    Arguments:
    rng -- numpy.random.Generator
    size -- side in pixels
    skin -- (3,) skin colour, which the main colours keep their distance from

    Returns:
    image -- (size, size, 3) in 0..1
    """
    kinds, odds = zip(*VARIATION["backgrounds"].items())
    kind = kinds[rng.choice(len(kinds), p=np.array(odds) / sum(odds))]
    c1, c2 = random_colour(rng, luminance(skin)), random_colour(rng, luminance(skin))
    yy, xx = np.mgrid[0:size, 0:size] / size
    if kind == "plain":
        mix = np.zeros((size, size))
    elif kind == "gradient":
        phi = rng.uniform(0, 2 * np.pi)
        mix = np.clip(0.5 + (np.cos(phi) * (xx - 0.5) + np.sin(phi) * (yy - 0.5)), 0, 1)
    elif kind == "noise":
        mix = value_noise(rng, size, int(rng.integers(*VARIATION["texture_cells"])))
    else:
        edge = rng.uniform(0.2, 0.9) + (xx - 0.5) * rng.normal(0, 0.3)
        mix = 1.0 / (1.0 + np.exp(-(yy - edge) * size / 2.0))
    image = c1 * (1 - mix[..., None]) + c2 * mix[..., None]
    for _ in range(rng.poisson(VARIATION["clutter"])):  # clutter: soft ellipses of other colours
        cx, cy, rx, ry = rng.uniform(0, 1), rng.uniform(0, 1), *rng.uniform(0.04, 0.2, 2)
        d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
        alpha = np.clip((1.0 - d) * rng.uniform(2, 8), 0, 1)[..., None]
        image = image * (1 - alpha) + random_colour(rng) * alpha
    return image


# ----------------------------------------------------------------------------- pictures

def box_blur(image, radius):
    """Separable box blur of an (H, W) or (H, W, C) array with edge clamping."""
    if radius < 1:
        return image
    k = 2 * radius + 1
    for axis in (0, 1):
        padded = np.concatenate([np.take(image, [0] * radius, axis=axis), image,
                                 np.take(image, [-1] * (radius + 1), axis=axis)], axis=axis)
        c = np.cumsum(padded, axis=axis)
        n = image.shape[axis]
        image = (np.take(c, np.arange(k, k + n), axis=axis)
                 - np.take(c, np.arange(0, n), axis=axis)) / k
    return image


def shift_image(image, dy, dx):
    """Move an (H, W) array by (dy, dx) pixels, repeating its edge rows and columns into the
    space left behind (the arm goes on beyond the picture's edge, so does its shadow)."""
    pad = max(abs(dy), abs(dx))
    padded = np.pad(image, pad, mode="edge")
    h, w = image.shape
    return padded[pad - dy:pad - dy + h, pad - dx:pad - dx + w]


def render_picture(rng, label, size=IMAGE_SIZE, supersample=SUPERSAMPLE):
    """Render one picture of a hand holding up `label` fingers.

    Arguments:
    rng -- numpy.random.Generator, the picture's own stream
    label -- int in 0..5
    size -- output side in pixels
    supersample -- render at size * supersample and average down

    Returns:
    image -- (size, size, 3) uint8
    """
    hand = sample_hand(rng, label)
    big = size * supersample
    canvas = background(rng, big, hand["skin"])
    px, py, units_to_px = hand_coordinates(hand, big)
    parts = hand_parts(hand, px, py)
    # Soft cast shadow: the hand's silhouette, shifted away from the light and blurred.
    silhouette = np.clip(0.5 - np.minimum.reduce([p[0] for p in parts]) * units_to_px, 0, 1)
    shift = (-hand["light"][:2] / hand["light"][2] * rng.uniform(2, 8)).round().astype(int)
    shadow = box_blur(shift_image(silhouette, shift[1], shift[0]), 3 * supersample)
    canvas *= (1 - rng.uniform(0.15, 0.45) * shadow)[..., None]
    for sdf, bevel, rgb in parts:
        sdf_px = sdf * units_to_px
        alpha = np.clip(0.5 - sdf_px, 0, 1)[..., None]
        colour = shade(sdf_px, bevel * units_to_px, hand["light"], hand["ambient"])[..., None] * rgb
        canvas = canvas * (1 - alpha) + colour * alpha
    image = canvas.reshape(size, supersample, size, supersample, 3).mean(axis=(1, 3))
    return finish(rng, image)


def finish(rng, image):
    """Camera effects on an (H, W, 3) picture in 0..1: exposure, colour cast, vignette,
    defocus, sensor noise; returns (H, W, 3) uint8."""
    size = image.shape[0]
    if rng.random() < 0.3:
        image = box_blur(image, 1) * 0.5 + image * 0.5
    yy, xx = (np.mgrid[0:size, 0:size] + 0.5) / size - 0.5
    vignette = 1.0 - rng.uniform(0, 0.6) * (xx ** 2 + yy ** 2)
    cast = rng.uniform(0.88, 1.12, 3)
    image = image * vignette[..., None] * cast * rng.uniform(0.75, 1.2)
    image = np.clip(image, 0, 1) ** rng.uniform(0.8, 1.25)
    image = image * 255 + rng.normal(0, rng.uniform(*VARIATION["noise_sd"]), image.shape)
    return np.clip(np.round(image), 0, 255).astype(np.uint8)


def picture_rng(seed, stream, index):
    """The generator of picture `index` of `stream` under `seed` (independent streams)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, 0, index)))


def render_images(labels, seed=DEFAULT_SEED, stream=TRAIN_STREAM, start=0):
    """Render one picture per label.

    Arguments:
    labels -- sequence of N ints in 0..5
    seed -- data set seed
    stream -- TRAIN_STREAM (0), TEST_STREAM (1), or any other int for separate streams
    start -- index of the first picture in its stream (picture i uses stream index start + i)

    Returns:
    X -- (N, 64, 64, 3) uint8
    """
    pictures = [render_picture(picture_rng(seed, stream, start + i), int(label))
                for i, label in enumerate(labels)]
    return np.stack(pictures) if pictures else np.zeros((0, IMAGE_SIZE, IMAGE_SIZE, 3), np.uint8)


def split_labels(seed, stream, per_class):
    """Balanced labels in a seeded random order.

    Returns:
    y -- (6 * per_class,) int64, each class per_class times
    """
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, 1, 0)))
    return rng.permutation(np.repeat(np.arange(N_CLASSES, dtype=np.int64), per_class))


def build_split(seed=DEFAULT_SEED, stream=TRAIN_STREAM, per_class=180):
    """Render a balanced split.

    Returns:
    X -- (6 * per_class, 64, 64, 3) uint8
    y -- (6 * per_class,) int64
    """
    y = split_labels(seed, stream, per_class)
    return render_images(y, seed, stream), y


def write_h5(path, prefix, X, y):
    """Write one split in the original SIGNS layout ({prefix}_set_x, {prefix}_set_y,
    list_classes)."""
    import h5py  # only needed when writing files
    with h5py.File(path, "w") as f:
        f.create_dataset(f"{prefix}_set_x", data=np.asarray(X, dtype=np.uint8))
        f.create_dataset(f"{prefix}_set_y", data=np.asarray(y, dtype=np.int64))
        f.create_dataset("list_classes", data=np.arange(N_CLASSES, dtype=np.int64))


def build_files(out, seed=DEFAULT_SEED):
    """Render both splits and write out/train_signs.h5 and out/test_signs.h5.

    Returns:
    paths -- list of the two written paths
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for prefix, (stream, per_class) in SPLITS.items():
        X, y = build_split(seed, stream, per_class)
        path = out / f"{prefix}_signs.h5"
        write_h5(path, prefix, X, y)
        paths.append(path)
    return paths


def save_gallery(path, seed=DEFAULT_SEED, per_class=8, zoom=2):
    """Save a PNG grid: one labelled row per class, `per_class` training pictures each.

    The pictures are the first of each class in the training split, so the gallery shows
    what the files hold; they are enlarged `zoom` times (nearest neighbour) and the sheet is
    stored with a 256-colour palette to keep the file small.
    """
    from PIL import Image, ImageDraw, ImageFont  # only needed for the gallery
    y = split_labels(seed, TRAIN_STREAM, SPLITS["train"][1])
    cell, margin, label_w = IMAGE_SIZE * zoom, 4, 40
    sheet = Image.new("RGB", (label_w + per_class * (cell + margin), N_CLASSES * (cell + margin)),
                      "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=28)
    for c in range(N_CLASSES):
        top = c * (cell + margin)
        draw.text((label_w // 2, top + cell // 2), str(c), fill="black", font=font, anchor="mm")
        for j, i in enumerate(np.flatnonzero(y == c)[:per_class]):
            picture = render_picture(picture_rng(seed, TRAIN_STREAM, int(i)), c)
            tile = Image.fromarray(picture).resize((cell, cell), Image.NEAREST)
            sheet.paste(tile, (label_w + j * (cell + margin), top))
    sheet = sheet.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    sheet.save(path, optimize=True)


def main(argv=None):
    """Command line: build the two HDF5 files and/or the gallery."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="folder for train_signs.h5 and test_signs.h5")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--gallery", help="also write a labelled PNG grid of samples here")
    args = parser.parse_args(argv)
    if not args.out and not args.gallery:
        parser.error("nothing to do: give --out and/or --gallery")
    if args.out:
        start = time.perf_counter()
        paths = build_files(args.out, args.seed)
        print(f"wrote {', '.join(map(str, paths))} (seed {args.seed}) "
              f"in {time.perf_counter() - start:.1f} s")
    if args.gallery:
        save_gallery(args.gallery, args.seed)
        print(f"wrote {args.gallery}")


if __name__ == "__main__":
    main()

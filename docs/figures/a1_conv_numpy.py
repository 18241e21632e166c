"""Draw the teaching pictures of conv_step_by_step.ipynb into assignments/a1_conv_numpy/images/.

Run from anywhere: ``python docs/figures/a1_conv_numpy.py``; then rebuild the release.
Kept out of the assignment folder so that it is not copied into the students' release.
Only matplotlib and NumPy are needed; the pictures are plain diagrams (no data), so the
notebook itself spends no time drawing them.
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parents[2] / "assignments" / "a1_conv_numpy" / "images"
DPI = 90
PAD_GREY = "#d9d9d9"
COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e"]


def grid(ax, values, x0=0.0, y0=0.0, fill=None, fmt="{:g}", fontsize=10, title=None):
    """Draw ``values`` as a table of squares whose top-left corner is (x0, y0) (y grows downwards)."""
    values = np.asarray(values, dtype=object)
    n_rows, n_cols = values.shape
    for r in range(n_rows):
        for c in range(n_cols):
            colour = "white" if fill is None else fill[r][c]
            ax.add_patch(Rectangle((x0 + c, y0 + r), 1, 1, facecolor=colour, edgecolor="#555555", lw=0.8))
            v = values[r, c]
            if v is not None and v != "":
                text = v if isinstance(v, str) else fmt.format(v)
                ax.text(x0 + c + 0.5, y0 + r + 0.5, text, ha="center", va="center", fontsize=fontsize)
    if title:
        ax.text(x0 + n_cols / 2, y0 - 0.35, title, ha="center", va="bottom", fontsize=10.5)


def frame(ax, r, c, h, w, x0=0.0, y0=0.0, colour="red", lw=2.6, inset=0.0):
    ax.add_patch(Rectangle((x0 + c + inset, y0 + r + inset), w - 2 * inset, h - 2 * inset,
                           fill=False, edgecolor=colour, lw=lw))


def finish(ax, width, height, name, fig):
    ax.set_xlim(-0.3, width + 0.3)
    ax.set_ylim(height + 0.3, -1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.savefig(HERE / name, dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def arrow(ax, x_from, x_to, y, text):
    ax.annotate("", xy=(x_to, y), xytext=(x_from, y), arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.text((x_from + x_to) / 2, y - 0.25, text, ha="center", va="bottom", fontsize=9.5)


def padding():
    x = np.array([[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]])
    pad = 2
    padded = np.zeros((8, 8), dtype=int)
    padded[pad:-pad, pad:-pad] = x
    fill = [[PAD_GREY if (r < pad or r >= 6 or c < pad or c >= 6) else "#fff5cc" for c in range(8)] for r in range(8)]
    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    grid(ax, x, 0, 2, fill=[["#fff5cc"] * 4] * 4, title="X[i, :, :, k]  (4 x 4)")
    arrow(ax, 4.6, 7.2, 4.0, "zero_pad(X, 2)")
    grid(ax, padded, 7.8, 0, fill=fill, title="padded  (4 + 2*2) x (4 + 2*2) = 8 x 8")
    ax.text(11.8, 8.45, "grey: the zeros added on both sides of axes 1 and 2 only", ha="center", fontsize=9)
    finish(ax, 15.8, 8.6, "padding.png", fig)


def conv_stride():
    rng = np.random.RandomState(3)
    x = rng.randint(0, 10, size=(5, 5))
    pad, f, stride = 1, 3, 2
    padded = np.zeros((7, 7), dtype=int)
    padded[1:-1, 1:-1] = x
    fill = [[PAD_GREY if (r in (0, 6) or c in (0, 6)) else "white" for c in range(7)] for r in range(7)]
    fig, ax = plt.subplots(figsize=(9.0, 4.2))
    grid(ax, padded, 0, 0, fill=fill, title="input, pad 1  (7 x 7)")
    spots = [(0, 0), (0, 1), (1, 0), (2, 2)]
    for (h, w), colour, inset in zip(spots, COLOURS, (0.04, 0.12, 0.2, 0.04)):
        frame(ax, h * stride, w * stride, f, f, colour=colour, inset=inset)
    kernel = np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]])
    grid(ax, kernel, 8.3, 2, title="filter f = 3")
    ax.text(9.8, 5.55, "stride 2", ha="center", fontsize=10)
    out = np.full((3, 3), "", dtype=object)
    out_fill = [["white"] * 3 for _ in range(3)]
    for (h, w), colour in zip(spots, COLOURS):
        out[h, w] = f"({h},{w})"
        out_fill[h][w] = colour + "55"
    grid(ax, out, 12.5, 2, fill=out_fill, fontsize=8.5, title="output  3 x 3")
    ax.text(14.0, 6.0, "n_H = floor((5 - 3 + 2*1) / 2) + 1 = 3", ha="center", fontsize=9.5)
    ax.text(3.5, 7.65, "output (h, w) reads rows h*stride ... h*stride + f - 1,\n"
            "columns w*stride ... w*stride + f - 1", ha="center", va="top", fontsize=9.5)
    finish(ax, 15.6, 8.6, "conv_stride.png", fig)


def pooling():
    x = np.array([[1, 7, 2, 4], [5, 3, 8, 0], [6, 2, 1, 3], [4, 4, 5, 9]])
    fill = [[COLOURS[(r // 2) * 2 + c // 2] + "40" for c in range(4)] for r in range(4)]
    out_fill = [[COLOURS[r * 2 + c] + "40" for c in range(2)] for r in range(2)]
    mx = x.reshape(2, 2, 2, 2).max(axis=(1, 3))
    av = x.reshape(2, 2, 2, 2).mean(axis=(1, 3))
    fig, ax = plt.subplots(figsize=(8.4, 3.4))
    grid(ax, x, 0, 0, fill=fill, title="A_prev[i, :, :, c]")
    arrow(ax, 4.4, 6.4, 1.0, "max")
    grid(ax, mx, 6.8, 0, fill=out_fill, title="f = 2, stride 2")
    arrow(ax, 4.4, 6.4, 3.0, "average")
    grid(ax, av, 6.8, 2.2, fill=out_fill, fmt="{:.2f}")
    ax.text(13.4, 2.0, "each output looks at one f x f window\nof ONE channel; channels stay apart,\n"
            "so n_C stays the same.\nNothing is learned: no weights.", ha="center", va="center", fontsize=9.5)
    finish(ax, 16.4, 4.3, "pooling.png", fig)


def maxpool_backward():
    fig, ax = plt.subplots(figsize=(10.4, 4.6))
    win = np.array([[1, 3], [2, 0]])
    grid(ax, win, 0, 0, title="window of A_prev")
    mask = np.array([["F", "T"], ["F", "F"]])
    grid(ax, mask, 4.0, 0, fill=[["white", "#ffd27f"], ["white", "white"]], title="mask (x == max)")
    grid(ax, np.array([[5]]), 8.0, 0.5, fill=[["#c6e2ff"]], title="dA[h, w] = 5")
    grid(ax, np.array([[0, 5], [0, 0]]), 11.0, 0, fill=[["white", "#ffd27f"], ["white", "white"]],
         title="mask * 5")
    ax.text(6.5, 2.75, "only the input that won the max moved the output, so only it gets the gradient",
            ha="center", fontsize=9.5)
    # overlapping windows, stride 1: gradients add up
    x = np.array([[1, 2, 0], [4, 9, 3], [2, 1, 0]])
    grid(ax, x, 0, 4.3, title="A_prev (3 x 3), f = 2, stride 1")
    for (r, c), colour, inset in zip([(0, 0), (0, 1), (1, 0), (1, 1)], COLOURS, (0.04, 0.12, 0.2, 0.28)):
        frame(ax, r, c, 2, 2, y0=4.3, colour=colour, inset=inset, lw=2)
    grid(ax, np.array([[1, 2], [3, 4]]), 5.0, 4.8, fill=[[COLOURS[0] + "40", COLOURS[1] + "40"],
                                                        [COLOURS[2] + "40", COLOURS[3] + "40"]], title="dA")
    grid(ax, np.array([[0, 0, 0], [0, 10, 0], [0, 0, 0]]), 8.6, 4.3,
         fill=[["white"] * 3, ["white", "#ffd27f", "white"], ["white"] * 3], title="dA_prev")
    ax.text(12.1, 5.8, "9 is the max of all four windows:\n1 + 2 + 3 + 4 = 10\n(use +=, not =)",
            ha="left", va="center", fontsize=9.5)
    finish(ax, 17.0, 8.0, "maxpool_backward.png", fig)


def avgpool_backward():
    fig, ax = plt.subplots(figsize=(9.0, 2.6))
    grid(ax, np.array([[8]]), 0, 0.5, fill=[["#c6e2ff"]], title="dA[h, w] = 8")
    arrow(ax, 1.4, 4.2, 1.0, "distribute_value(8, (2, 2))")
    grid(ax, np.array([[2, 2], [2, 2]]), 4.6, 0, fill=[["#ffd27f"] * 2] * 2, title="8 / (2*2) each")
    ax.text(10.0, 1.0, "every input of the window counted for 1/4\nof the average, so each one gets 1/4\n"
            "of the gradient; overlapping windows add", ha="center", va="center", fontsize=9.5)
    finish(ax, 13.0, 2.2, "avgpool_backward.png", fig)


def kernel_gradient():
    """3 x 3 input, 2 x 2 kernel: the inputs each dL/dw[a, b] sums over."""
    names = np.array([[f"x{r}{c}" for c in range(3)] for r in range(3)], dtype=object)
    fig, ax = plt.subplots(figsize=(10.0, 2.9))
    for k, (a, b) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
        x0 = k * 4.2
        fill = [["#ffd27f" if a <= r <= a + 1 and b <= c <= b + 1 else "white" for c in range(3)] for r in range(3)]
        grid(ax, names, x0, 0, fill=fill, fontsize=9.5, title=f"dL/dw{a}{b}")
        terms = [f"dO{i}{j}*x{i + a}{j + b}" for i in range(2) for j in range(2)]
        ax.text(x0 + 1.5, 3.35, " + ".join(terms[:2]) + " +\n" + " + ".join(terms[2:]), ha="center", va="top",
                fontsize=8.2)
    finish(ax, 16.4, 4.4, "kernel_gradient.png", fig)


if __name__ == "__main__":
    padding()
    conv_stride()
    pooling()
    maxpool_backward()
    avgpool_backward()
    kernel_gradient()
    print("written to", HERE)

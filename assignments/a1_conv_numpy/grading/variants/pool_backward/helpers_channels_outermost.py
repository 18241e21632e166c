"""the channel loop outermost, still through create_mask_from_window and distribute_value."""
# GRADED FUNCTION: pool_backward

def pool_backward(dA, cache, mode="max"):
    ### START CODE HERE ###
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    ### END CODE HERE ###

    ### START CODE HERE ###
    for c in range(n_C):
        for i in range(m):
            a_prev = A_prev[i]
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for h in range(n_H):
                    vert_start = h * stride
                    vert_end = vert_start + f
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, (f, f))
    ### END CODE HERE ###

    return dA_prev

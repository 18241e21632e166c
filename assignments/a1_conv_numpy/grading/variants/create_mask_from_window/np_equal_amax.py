"""np.equal against np.amax."""
# GRADED FUNCTION: create_mask_from_window

def create_mask_from_window(x):
    ### START CODE HERE ###
    mask = np.equal(x, np.amax(x))
    ### END CODE HERE ###

    return mask

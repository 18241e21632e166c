"""the negation of x < max(x)."""
# GRADED FUNCTION: create_mask_from_window

def create_mask_from_window(x):
    ### START CODE HERE ###
    mask = ~(x < x.max())
    ### END CODE HERE ###

    return mask

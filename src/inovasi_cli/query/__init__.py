"""Questions over a loaded collection: the one resolver of user input (regions,
awards, innovations, vocabulary values), filters, sorting and counts. Pure.
"""

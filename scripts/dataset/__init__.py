"""The data set the posts read, and how it is made."""

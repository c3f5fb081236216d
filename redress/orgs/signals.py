"""Signals other apps listen to, so that orgs never imports them."""

from django.dispatch import Signal

# Sent after a jurisdiction moved in the tree, with old_path and new_path: every copy of a path
# below old_path (cases keep one for scoping) must be rewritten.
jurisdiction_path_changed = Signal()

from django import forms

# The two buttons on the calendar feed page; "create" also replaces an existing address.
FEED_ACTIONS = [("create", "create"), ("revoke", "revoke")]


class FeedActionForm(forms.Form):
    action = forms.ChoiceField(choices=FEED_ACTIONS)

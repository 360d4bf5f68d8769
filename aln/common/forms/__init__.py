"""GOV.UK Design System form helpers: fields render through `{% govuk_field %}`."""

from aln.common.forms.fields import GovukDateField, GovukForm

__all__ = ["GovukDateField", "GovukForm"]

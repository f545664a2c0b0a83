"""`IN` on integer columns, safe for numbers the database cannot hold.

Django leaves any number a column cannot hold out of `=`, `<` and `>` on integer columns
(it matches nothing), but not out of `IN`. On SQLite a crafted id of 2**63 or more in an
admin form or filter (`?classes=9223372036854775808`, which Django checks with `pk__in`)
failed with OverflowError. DrugsConfig.ready() registers this for every integer field."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)

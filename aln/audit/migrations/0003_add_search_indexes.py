"""Indexes for the data protection officer's search of the audit trail.

The audit log is the biggest table, and every request writes to it: on PostgreSQL the indexes
are built with CREATE INDEX CONCURRENTLY so writes carry on
(docs/how-to/zero-downtime-migration.md); SQLite, the embedded mode, builds them plainly.
"""

from django.db import migrations, models


class AddIndexConcurrentlyOnPostgresql(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(model, self.index, concurrently=True)
        else:
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(model, self.index, concurrently=True)
        else:
            schema_editor.remove_index(model, self.index)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("audit", "0002_refuse_audit_updates_on_postgresql"),
        ("organisations", "0003_add_contact_details"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgresql(
            model_name="auditevent",
            index=models.Index(
                fields=["local_authority", "occurred_at"], name="audit_la_occurred_idx"
            ),
        ),
        AddIndexConcurrentlyOnPostgresql(
            model_name="auditevent",
            index=models.Index(fields=["request_id"], name="audit_request_idx"),
        ),
    ]

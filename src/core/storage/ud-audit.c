/* ud-audit.c — reading the audit trail: the audit view and a record's history
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "ud-audit.h"
#include "ud-session.h"
#include "ud-audit-detail.h"
#include "ud-audit-hash.h"
#include "ud-audit-private.h"
#include "ud-kind-workflow.h"
#include "ud-permission.h"
#include "ud-schema-private.h"
#include "ud-table.h"
#include "ud-uuid.h"

#define VERIFIED_KEY "audit_verified"

typedef struct
{
  const char *action;
  const char *label;  /* N_() */
} ActionInfo;

/* Every action the core writes. */
static const ActionInfo actions[] = {
  { "create",           N_("Created") },
  { "update",           N_("Changed") },
  { "delete",           N_("Deleted") },
  { "undelete",         N_("Restored") },
  { "import",           N_("Imported") },
  /* A roll generated for a benchmark or a test (uniondesk-cli bench). */
  { "generate",         N_("Generated (test data)") },
  { "export",           N_("Exported") },
  { "print",            N_("Printed") },
  { "sign_in",          N_("Signed in") },
  { "sign_in_failed",   N_("Sign-in refused") },
  { "sign_out",         N_("Signed out") },
  { "initialize",       N_("Office set up") },
  { "office_number",    N_("Office number changed") },
  { "disable",          N_("Account disabled") },
  { "enable",           N_("Account enabled") },
  { "reset_password",   N_("Password reset") },
  { "change_password",  N_("Password changed") },
  { "backup",           N_("Backed up") },
  { "restore",          N_("Restored from a backup") },
  /* Changes another office made, pulled from the city server. */
  { "sync_create",      N_("Created by another office") },
  { "sync_update",      N_("Changed by another office") },
  { "sync_delete",      N_("Deleted by another office") },
  { "sync_undelete",    N_("Restored by another office") },
  /* A new office's first sync: the district's records in one file. */
  { "sync_snapshot",    N_("District received from the city server") },
  /* A person chose one of two versions of a record (Sync section). */
  { "resolve_conflict", N_("Sync conflict resolved") },
  /* On start: a protective trigger that had been dropped was made again. */
  { "protect",          N_("Database protection restored") },
};

G_DEFINE_QUARK (ud-audit-error-quark, ud_audit_error)

void
ud_audit_entry_free (UdAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->actor_name);
  g_free (entry->action);
  g_free (entry->kind);
  g_free (entry->uuid);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->detail);
  g_free (entry->record_title);
  g_clear_pointer (&entry->account_names, g_hash_table_unref);
  g_free (entry);
}

void
ud_audit_filter_clear (UdAuditFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->actor, g_free);
  g_clear_pointer (&filter->action, g_free);
  g_clear_pointer (&filter->kind, g_free);
  g_clear_pointer (&filter->uuid, g_free);
  g_clear_pointer (&filter->from_date, g_free);
  g_clear_pointer (&filter->to_date, g_free);
  g_clear_pointer (&filter->text, g_free);
  filter->limit = 0;
  filter->offset = 0;
}

const char * const *
ud_audit_actions (void)
{
  static const char *codes[G_N_ELEMENTS (actions) + 1];
  static gsize once;

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        codes[i] = actions[i].action;
      g_once_init_leave (&once, 1);
    }

  return codes;
}

const char *
ud_audit_action_label (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (actions[i].action, action) == 0)
      return _(actions[i].label);

  return action;
}

/* ---- what the trail names ---- */

/* The storage's own subjects: an account, the trail itself. */
static const UdField account_fields[] = {
  { .name = "username", .type = UD_FIELD_TEXT, .label = N_("User name") },
  { .name = "display_name", .type = UD_FIELD_TEXT, .label = N_("Name") },
  { .name = "roles", .type = UD_FIELD_TEXT, .label = N_("Roles") },
  { .name = "disabled", .type = UD_FIELD_TEXT, .label = N_("Disabled") },
};

static const UdKind account_subject = {
  .name = "account",
  .label = N_("Account"),
  .fields = account_fields,
  .n_fields = G_N_ELEMENTS (account_fields),
};

static const UdKind audit_subject = {
  .name = "audit",
  .label = N_("Audit trail"),
};

static GPtrArray *subjects;

void
ud_audit_describe (const UdKind *subject)
{
  g_return_if_fail (subject != NULL && subject->name != NULL);

  if (subjects == NULL)
    {
      subjects = g_ptr_array_new ();
      g_ptr_array_add (subjects, (gpointer) &account_subject);
      g_ptr_array_add (subjects, (gpointer) &audit_subject);
    }
  g_ptr_array_add (subjects, (gpointer) subject);
}

/* The kind of record, or the subject, named @name. */
static const UdKind *
find_subject (const char *name)
{
  const UdKind *kind;

  if (name == NULL)
    return NULL;

  kind = ud_kind_lookup (name);
  if (kind != NULL)
    return kind;

  if (g_str_equal (name, account_subject.name))
    return &account_subject;
  if (g_str_equal (name, audit_subject.name))
    return &audit_subject;
  for (guint i = 0; subjects != NULL && i < subjects->len; i++)
    {
      const UdKind *subject = g_ptr_array_index (subjects, i);

      if (g_str_equal (subject->name, name))
        return subject;
    }

  return NULL;
}

/* What a person knows the record @uuid of @kind_name by: its kind's title
 * fields as they are now, an account's name; NULL when there are none or
 * the record is not here.  The SQL names only the description's own
 * table and columns. */
static char *
read_record_title (UdDatabase *db,
                   const char *kind_name,
                   const char *uuid)
{
  const UdKind *kind = find_subject (kind_name);
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) title = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (kind == &account_subject)
    {
      stmt = ud_database_prepare (db, "SELECT display_name FROM account WHERE uuid = ?1", NULL);
      sql = g_string_new (NULL);
    }
  else
    {
      if (kind == NULL || kind->table == NULL || kind->title_fields == NULL)
        return NULL;

      sql = g_string_new ("SELECT ");
      for (guint i = 0; kind->title_fields[i] != NULL; i++)
        {
          const UdField *field = ud_kind_find_field (kind, kind->title_fields[i]);

          /* A reference's column holds a row id: not a title. */
          if (field == NULL || field->type == UD_FIELD_REFERENCE)
            continue;
          g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", ud_field_get_column (field));
        }
      if (n == 0)
        return NULL;
      g_string_append_printf (sql, " FROM %s WHERE uuid = ?1", kind->table);
      stmt = ud_database_prepare_built (db, sql->str, NULL);
    }
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      title = g_string_new (NULL);
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          if (text == NULL || *text == '\0')
            continue;
          if (title->len > 0)
            g_string_append_c (title, ' ');
          g_string_append (title, text);
        }
    }
  sqlite3_reset (stmt);

  if (title == NULL || title->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&title), FALSE);
}

/* The accounts' names by user name, for the entries' account values;
 * NULL when they cannot be read (the values then show as stored). */
static GHashTable *
read_account_names (UdDatabase *db)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  stmt = ud_database_prepare (db, "SELECT username, display_name FROM account", NULL);
  if (stmt == NULL)
    return names;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *username = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (username != NULL && name != NULL && name[0] != '\0')
        g_hash_table_insert (names, g_strdup (username), g_strdup (name));
    }
  sqlite3_reset (stmt);

  return names;
}

/* Fills each entry's record_title, reading each record once. */
static void
add_record_titles (UdDatabase *db,
                   GPtrArray  *entries)
{
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      UdAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *key = NULL;
      gpointer title;

      if (entry->kind == NULL || entry->uuid == NULL)
        continue;

      key = g_strconcat (entry->kind, "\x1f", entry->uuid, NULL);
      if (!g_hash_table_lookup_extended (titles, key, NULL, &title))
        {
          title = read_record_title (db, entry->kind, entry->uuid);
          g_hash_table_insert (titles, g_steal_pointer (&key), title);
        }
      entry->record_title = g_strdup (title);
    }
}

/* ---- how an entry reads ---- */

const char *
ud_audit_kind_label (const char *kind)
{
  const UdKind *subject;

  if (kind == NULL)
    return "";

  subject = find_subject (kind);
  return subject != NULL ? _(subject->label) : kind;
}

char *
ud_audit_entry_actor (const UdAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->actor_name != NULL && entry->actor_name[0] != '\0' &&
      g_strcmp0 (entry->actor_name, entry->actor) != 0)
    /* TRANSLATORS: a person's name, then their user name */
    return g_strdup_printf (_("%s (%s)"), entry->actor_name, entry->actor);

  return g_strdup (entry->actor != NULL ? entry->actor : "");
}

static JsonObject *
parse_detail (const char *detail,
              JsonParser *parser)
{
  JsonNode *root;

  if (detail == NULL || detail[0] != '{' || !json_parser_load_from_data (parser, detail, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) || !json_object_has_member (json_node_get_object (root), "what"))
    return NULL;

  return json_node_get_object (root);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

char *
ud_audit_entry_record (const UdAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *detail;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->record_title != NULL)
    return g_strdup (entry->record_title);

  /* A reference table is known by its name and version. */
  detail = parse_detail (entry->detail, parser);
  if (detail != NULL && g_str_equal (member (detail, "what"), "reference_version"))
    /* TRANSLATORS: a reference table (“Relief rules”), then its version */
    return g_strdup_printf (_("%s, version %s"), _(member (detail, "table_label")), member (detail, "version"));

  /* What is named otherwise than by a uuid (a fund's year) is known so. */
  if (entry->uuid != NULL && !ud_uuid_is_valid (entry->uuid))
    return g_strdup (entry->uuid);

  return g_strdup ("");
}

static const UdField *
entry_field (const UdAuditEntry *entry)
{
  const UdKind *kind = find_subject (entry->kind);

  if (kind == NULL || entry->field == NULL)
    return NULL;
  return ud_kind_find_field (kind, entry->field);
}

const char *
ud_audit_entry_field (const UdAuditEntry *entry)
{
  const UdField *field;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->field == NULL)
    return "";
  if (g_str_equal (entry->field, "office_number"))
    return _("Office number");

  field = entry_field (entry);
  return field != NULL ? _(field->label) : entry->field;
}

/* Long values (a reference table's contents) are cut in a one-line
 * summary; the entry keeps them whole. */
#define SHOWN_CHARS 80

static char *
show_value (const UdKind  *kind,
            const UdField *field,
            const char    *value,
            GHashTable    *account_names,
            gboolean       masked,
            gboolean       cut)
{
  g_autofree char *shown = NULL;
  const char *person;
  UdRole roles;

  if (value == NULL || value[0] == '\0')
    return g_strdup ("—");

  /* An account is the person, not the login. */
  if (field != NULL && (field->flags & UD_FIELD_ACCOUNT) != 0 && account_names != NULL &&
      (person = g_hash_table_lookup (account_names, value)) != NULL && person[0] != '\0')
    shown = g_strdup (person);
  else if (kind == &account_subject && field != NULL && g_str_equal (field->name, "roles") &&
      ud_roles_from_string (value, &roles, NULL))
    shown = ud_roles_to_label (roles);
  else if (kind == &account_subject && field != NULL && g_str_equal (field->name, "disabled"))
    shown = g_strdup (g_str_equal (value, "0") ? _("No") : _("Yes"));
  else if (field != NULL)
    shown = ud_field_display (field, value, masked);
  else
    shown = g_strdup (value);

  if (cut && g_utf8_strlen (shown, -1) > SHOWN_CHARS)
    {
      g_autofree char *start = g_utf8_substring (shown, 0, SHOWN_CHARS);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&shown);
}

/* A whole record as the core writes it on creation or deletion
 * ({"name":"…","id_number":"…"}): "Name: 李明; ID number: 1101…1234". */
static char *
show_object (const UdKind *kind,
             const char   *json,
             GHashTable   *account_names,
             gboolean      masked)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  text = g_string_new (NULL);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      const UdField *field = kind != NULL ? ud_kind_find_field (kind, name) : NULL;
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;

      /* What a person does not read: the fields of no description
       * (stamps, ids), another record's uuid (its title fields name it),
       * and lists. */
      if (field == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          (field->type == UD_FIELD_REFERENCE && field->reference != NULL &&
           field->reference->style == UD_REFERENCE_UUID))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = g_strdup (json_node_get_boolean (node) ? "1" : "0");
      else
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (value[0] == '\0')
        continue;

      shown = show_value (kind, field, value, account_names, masked, TRUE);
      if (text->len > 0)
        /* TRANSLATORS: between the fields of a record in the audit trail */
        g_string_append (text, _("; "));
      /* TRANSLATORS: a field's label, then its value */
      g_string_append_printf (text, _("%s: %s"), _(field->label), shown);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ud_audit_entry_change (const UdAuditEntry *entry,
                       gboolean            masked)
{
  const UdKind *kind;
  const UdField *field;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->field == NULL && entry->old_value == NULL && entry->new_value == NULL)
    return ud_audit_entry_detail (entry);

  kind = find_subject (entry->kind);

  /* A whole record, created or deleted. */
  if (entry->field == NULL)
    {
      const char *json = entry->new_value != NULL ? entry->new_value : entry->old_value;
      g_autofree char *summary = json[0] == '{' ? show_object (kind, json, entry->account_names, masked) : NULL;

      return summary != NULL ? g_steal_pointer (&summary) : g_strdup (json);
    }

  field = entry_field (entry);
  old_text = show_value (kind, field, entry->old_value, entry->account_names, masked, TRUE);
  new_text = show_value (kind, field, entry->new_value, entry->account_names, masked, TRUE);

  /* TRANSLATORS: a value before and after a change */
  return g_strdup_printf (_("%s → %s"), old_text, new_text);
}

/* "2024-09-01 14:05", local time, of a UTC ISO 8601 time. */
static char *
local_minute (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The labels of the comma-separated fields @names of @kind, "电话、住址". */
static char *
field_labels (const UdKind *kind,
              const char   *names)
{
  g_auto(GStrv) list = g_strsplit (names, ",", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; list[i] != NULL; i++)
    {
      const UdField *field = kind != NULL ? ud_kind_find_field (kind, list[i]) : NULL;

      if (i > 0)
        /* TRANSLATORS: between the items of a list in a sentence */
        g_string_append (text, _(", "));
      g_string_append (text, field != NULL ? _(field->label) : list[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The filters of an exported list ("field op value" lines, as
 * ud_export_list () keeps them) and its search, in words. */
static char *
list_words (const UdKind *kind,
            const char   *filters,
            const char   *search)
{
  g_auto(GStrv) lines = g_strsplit (filters, "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      const UdField *field;
      const char *label, *value;
      g_autofree char *words = NULL;

      if (g_strv_length (parts) < 2)
        continue;
      field = kind != NULL ? ud_kind_find_field (kind, parts[0]) : NULL;
      label = field != NULL ? _(field->label) : parts[0];
      value = parts[2] != NULL ? parts[2] : "";
      if (field != NULL && field->type == UD_FIELD_CHOICE && ud_field_find_choice (field, value) != NULL)
        value = ud_field_choice_label (field, value);
      if (g_str_equal (parts[1], ">="))
        /* TRANSLATORS: an exported list's filter: a field, a value ("Joined on from 2024-01-01") */
        words = g_strdup_printf (_("%s from %s"), label, value);
      else if (g_str_equal (parts[1], "<="))
        /* TRANSLATORS: an exported list's filter: a field, a value ("Joined on until 2024-12-31") */
        words = g_strdup_printf (_("%s until %s"), label, value);
      else if (g_str_equal (parts[1], "*"))
        /* TRANSLATORS: an exported list's filter: a field that holds something */
        words = g_strdup_printf (_("%s given"), label);
      else if (g_str_equal (parts[1], "-"))
        /* TRANSLATORS: an exported list's filter: a field that is empty */
        words = g_strdup_printf (_("%s empty"), label);
      else
        /* TRANSLATORS: an exported list's filter: a field, a value ("Status: Active") */
        words = g_strdup_printf (_("%s: %s"), label, value);
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, words);
    }
  if (*search != '\0')
    {
      g_autofree char *words = NULL;

      if (text->len > 0)
        g_string_append (text, _(", "));
      /* TRANSLATORS: an exported list's search text */
      words = g_strdup_printf (_("search “%s”"), search);
      g_string_append (text, words);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ud_audit_entry_detail (const UdAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *detail;
  const char *what;

  g_return_val_if_fail (entry != NULL, NULL);

  detail = parse_detail (entry->detail, parser);
  if (detail == NULL)
    return g_strdup (entry->detail != NULL ? entry->detail : "");

  what = member (detail, "what");

  if (g_str_equal (what, "unknown_user"))
    return g_strdup (_("No account has this user name."));
  if (g_str_equal (what, "account_disabled"))
    return g_strdup (_("The account is disabled."));
  if (g_str_equal (what, "account_locked"))
    return g_strdup (_("The account is locked."));
  if (g_str_equal (what, "wrong_password"))
    {
      const char *until = member (detail, "locked_until");

      if (*until != '\0')
        {
          g_autofree char *when = local_minute (until);

          /* TRANSLATORS: how many wrong passwords in a row, the most
           * allowed, then a local time */
          return g_strdup_printf (_("Wrong password, %s of %s: the account is locked until %s."),
                                  member (detail, "failures"), member (detail, "limit"), when);
        }
      /* TRANSLATORS: how many wrong passwords in a row, then the most allowed */
      return g_strdup_printf (_("Wrong password, %s of %s."), member (detail, "failures"), member (detail, "limit"));
    }
  if (g_str_equal (what, "step"))
    {
      const UdKind *kind = find_subject (entry->kind);
      const UdWorkflowStep *step = kind != NULL && kind->workflow != NULL
                                   ? ud_workflow_find_step (kind->workflow, member (detail, "step"))
                                   : NULL;

      /* TRANSLATORS: a step of a record's workflow, “Approve” */
      return g_strdup_printf (_("Step: %s"), step != NULL ? _(step->label) : member (detail, "step"));
    }
  if (g_str_equal (what, "sync"))
    return g_strdup (_("Received from the city server."));
  if (g_str_equal (what, "conflict"))
    {
      const char *resolution = member (detail, "resolution");
      g_autofree char *fields = NULL;

      if (g_str_equal (resolution, "winner"))
        return g_strdup (_("The version the record held was kept."));
      if (g_str_equal (resolution, "loser"))
        return g_strdup (_("The version that had been set aside was taken."));
      fields = field_labels (find_subject (entry->kind), member (detail, "fields"));
      /* TRANSLATORS: %s lists fields, “Phone, Address” */
      return g_strdup_printf (_("The two versions were combined, taking %s from the one that had been set aside."),
                              fields);
    }
  if (g_str_equal (what, "import"))
    /* TRANSLATORS: a file, then numbers of rows */
    return g_strdup_printf (_("%s: %s rows read, %s added, %s updated, %s refused."),
                            member (detail, "file"), member (detail, "rows"), member (detail, "added"),
                            member (detail, "updated"), member (detail, "refused"));
  if (g_str_equal (what, "export"))
    {
      g_autofree char *sentence = NULL;
      g_autofree char *list = NULL;

      sentence = g_strdup_printf (g_str_equal (member (detail, "masked"), "1")
                                  /* TRANSLATORS: a file, then a number of records */
                                  ? _("%s: %s records, identifiers masked.")
                                  /* TRANSLATORS: a file, then a number of records */
                                  : _("%s: %s records, whole identifiers."),
                                  member (detail, "file"), member (detail, "count"));
      list = list_words (find_subject (entry->kind), member (detail, "filters"), member (detail, "search"));
      if (*list == '\0')
        return g_steal_pointer (&sentence);
      /* TRANSLATORS: an export's sentence, then the list's filters in words */
      return g_strdup_printf (_("%s The list: %s."), sentence, list);
    }
  if (g_str_equal (what, "audit_export"))
    /* TRANSLATORS: a file, then a number of audit entries */
    return g_strdup_printf (_("%s: %s entries."), member (detail, "file"), member (detail, "count"));
  if (g_str_equal (what, "backup"))
    {
      const char *how = member (detail, "how");

      if (g_str_equal (how, "automatic"))
        /* TRANSLATORS: %s is a file */
        return g_strdup_printf (_("Daily backup: %s"), member (detail, "file"));
      if (g_str_equal (how, "by_hand"))
        /* TRANSLATORS: %s is a file */
        return g_strdup_printf (_("Backup made by hand: %s"), member (detail, "file"));
      return g_strdup (member (detail, "file"));
    }
  if (g_str_equal (what, "restore"))
    {
      if (*member (detail, "kept") != '\0')
        /* TRANSLATORS: the backup restored, then where the data it replaced was kept */
        return g_strdup_printf (_("From %s; the data it replaced is kept in %s."),
                                member (detail, "file"), member (detail, "kept"));
      /* TRANSLATORS: %s is the backup restored */
      return g_strdup_printf (_("From %s."), member (detail, "file"));
    }
  if (g_str_equal (what, "reference_version"))
    return g_strdup_printf (_("%s, version %s"), _(member (detail, "table_label")), member (detail, "version"));

  /* A sentence of a later version: its facts as they are. */
  return g_strdup (entry->detail);
}

/* The UTC bound of a local day: its start, or the next day's start. */
static char *
day_bound (const char  *date,
           gboolean     end,
           const char  *field_label,
           GError     **error)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) bound = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;
  char rest;

  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3 ||
      strlen (date) != 10 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_INVALID_FILTER,
                   /* TRANSLATORS: %s is "From" or "To" */
                   _("%s: give a date as YYYY-MM-DD, such as 2024-09-01."), field_label);
      return NULL;
    }

  local = g_date_time_new_local (year, month, day, 0, 0, 0);
  bound = end ? g_date_time_add_days (local, 1) : g_date_time_ref (local);
  utc = g_date_time_to_utc (bound);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
like_pattern (const char *text)
{
  g_autoptr(GString) pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/* The WHERE clause and its values, numbered ?1…; the SQL names only our
 * columns, every value is bound. */
typedef struct
{
  GString   *where;
  GPtrArray *values;
} Conditions;

static void
conditions_clear (Conditions *conditions)
{
  if (conditions->where != NULL)
    g_string_free (conditions->where, TRUE);
  g_clear_pointer (&conditions->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Conditions, conditions_clear)

static void
add_condition (Conditions *conditions,
               const char *sql,
               char       *value)
{
  g_string_append (conditions->where, conditions->values->len == 0 ? " WHERE " : " AND ");
  g_ptr_array_add (conditions->values, value);
  /* Every ?N in @sql stands for the value just added. */
  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '?')
        g_string_append_printf (conditions->where, "?%u", conditions->values->len);
      else
        g_string_append_c (conditions->where, *p);
    }
}

static gboolean
build_conditions (const UdAuditFilter  *filter,
                  Conditions           *conditions,
                  GError              **error)
{
  conditions->where = g_string_new (NULL);
  conditions->values = g_ptr_array_new_with_free_func (g_free);

  if (filter == NULL)
    return TRUE;

  if (filter->actor != NULL && *filter->actor != '\0')
    add_condition (conditions, "a.actor = ?", g_strdup (filter->actor));
  if (filter->action != NULL && *filter->action != '\0')
    add_condition (conditions, "a.action = ?", g_strdup (filter->action));
  if (filter->kind != NULL && *filter->kind != '\0')
    add_condition (conditions, "a.kind = ?", g_strdup (filter->kind));
  if (filter->uuid != NULL && *filter->uuid != '\0')
    add_condition (conditions, "a.uuid = ?", g_strdup (filter->uuid));
  if (filter->from_date != NULL && *filter->from_date != '\0')
    {
      char *bound = day_bound (filter->from_date, FALSE, _("From"), error);

      if (bound == NULL)
        return FALSE;
      add_condition (conditions, "a.at >= ?", bound);
    }
  if (filter->to_date != NULL && *filter->to_date != '\0')
    {
      char *bound = day_bound (filter->to_date, TRUE, _("To"), error);

      if (bound == NULL)
        return FALSE;
      add_condition (conditions, "a.at < ?", bound);
    }
  if (filter->text != NULL && *filter->text != '\0')
    add_condition (conditions,
                   "(a.field LIKE ? ESCAPE '\\' OR a.old_value LIKE ? ESCAPE '\\'"
                   " OR a.new_value LIKE ? ESCAPE '\\' OR a.detail LIKE ? ESCAPE '\\'"
                   " OR a.uuid LIKE ? ESCAPE '\\')",
                   like_pattern (filter->text));

  return TRUE;
}

static sqlite3_stmt *
prepare_filtered (UdDatabase          *db,
                  const char          *head,
                  const char          *tail,
                  const UdAuditFilter *filter,
                  gboolean             paged,
                  GError             **error)
{
  g_auto(Conditions) conditions = { NULL };
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  if (!build_conditions (filter, &conditions, error))
    return NULL;

  sql = g_string_new (head);
  g_string_append (sql, conditions.where->str);
  g_string_append (sql, tail);
  n = conditions.values->len;
  if (paged)
    g_string_append_printf (sql, " LIMIT ?%u OFFSET ?%u", n + 1, n + 2);

  /* Not cached: the text differs with the filters in use. */
  if (sqlite3_prepare_v2 (ud_database_get_handle (db), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Preparing “%s”", sql->str);
      ud_database_set_error (db, error, _("read the audit trail"));
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (conditions.values, i), -1, SQLITE_TRANSIENT);
  if (paged)
    {
      sqlite3_bind_int64 (stmt, n + 1, filter != NULL && filter->limit > 0 ? (gint64) filter->limit : -1);
      sqlite3_bind_int64 (stmt, n + 2, filter != NULL ? (gint64) filter->offset : 0);
    }

  return stmt;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

#define ENTRY_SELECT \
  "SELECT a.id, a.at, a.actor, acc.display_name, a.action, a.kind, a.uuid, a.field," \
  " a.old_value, a.new_value, a.detail" \
  " FROM audit_log a LEFT JOIN account acc ON acc.username = a.actor"

/* A row of ENTRY_SELECT. */
static UdAuditEntry *
read_entry (sqlite3_stmt *stmt)
{
  UdAuditEntry *entry = g_new0 (UdAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = column_dup (stmt, 1);
  entry->actor = column_dup (stmt, 2);
  entry->actor_name = column_dup (stmt, 3);
  entry->action = column_dup (stmt, 4);
  entry->kind = column_dup (stmt, 5);
  entry->uuid = column_dup (stmt, 6);
  entry->field = column_dup (stmt, 7);
  entry->old_value = column_dup (stmt, 8);
  entry->new_value = column_dup (stmt, 9);
  entry->detail = column_dup (stmt, 10);
  return entry;
}

static GPtrArray *
select_entries (UdDatabase          *db,
                const UdAuditFilter *filter,
                gboolean             paged,
                GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Newest first: ids grow with every entry, and each filter's index
   * lists its rows by id. */
  stmt = prepare_filtered (db, ENTRY_SELECT, " ORDER BY a.id DESC", filter, paged, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the audit trail"));
      return NULL;
    }

  add_record_titles (db, entries);
  {
    g_autoptr(GHashTable) names = read_account_names (db);

    for (guint i = 0; i < entries->len; i++)
      ((UdAuditEntry *) g_ptr_array_index (entries, i))->account_names = g_hash_table_ref (names);
  }
  return g_steal_pointer (&entries);
}

GPtrArray *
ud_audit_query (UdDatabase          *db,
                const UdAuditFilter *filter,
                GError             **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_AUDIT, error))
    return NULL;

  return select_entries (db, filter, TRUE, error);
}

gint64
ud_audit_count (UdDatabase          *db,
                const UdAuditFilter *filter,
                GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_AUDIT, error))
    return -1;

  stmt = prepare_filtered (db, "SELECT count (*) FROM audit_log a", "", filter, FALSE, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    ud_database_set_error (db, error, _("read the audit trail"));

  return count;
}

GPtrArray *
ud_audit_list_actors (UdDatabase  *db,
                      GError     **error)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_AUDIT, error))
    return NULL;

  /* DISTINCT over the actor index reads each name once. */
  stmt = ud_database_prepare (db, "SELECT DISTINCT actor FROM audit_log ORDER BY actor", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (actors, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the audit trail"));
      return NULL;
    }

  return g_steal_pointer (&actors);
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

gint64
ud_audit_export_csv (UdDatabase          *db,
                     const UdAuditFilter *filter,
                     const char          *path,
                     GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *detail = NULL;
  g_autofree char *count = NULL;
  GPtrArray *header;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (path != NULL, -1);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_AUDIT, error))
    return -1;

  entries = select_entries (db, filter, FALSE, error);
  if (entries == NULL)
    return -1;

  header = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (header, g_strdup (_("Time")));
  g_ptr_array_add (header, g_strdup (_("User name")));
  g_ptr_array_add (header, g_strdup (_("Name")));
  g_ptr_array_add (header, g_strdup (_("Action")));
  g_ptr_array_add (header, g_strdup (_("Kind of record")));
  g_ptr_array_add (header, g_strdup (_("Record")));
  g_ptr_array_add (header, g_strdup (_("Field")));
  g_ptr_array_add (header, g_strdup (_("Old value")));
  g_ptr_array_add (header, g_strdup (_("New value")));
  g_ptr_array_add (header, g_strdup (_("Detail")));
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < entries->len; i++)
    {
      UdAuditEntry *entry = g_ptr_array_index (entries, i);
      GPtrArray *row = g_ptr_array_new_full (10, g_free);

      g_ptr_array_add (row, local_time (entry->at));
      g_ptr_array_add (row, or_empty (entry->actor));
      g_ptr_array_add (row, or_empty (entry->actor_name));
      g_ptr_array_add (row, g_strdup (ud_audit_action_label (entry->action)));
      g_ptr_array_add (row, g_strdup (ud_audit_kind_label (entry->kind)));
      g_ptr_array_add (row, ud_audit_entry_record (entry));
      g_ptr_array_add (row, g_strdup (ud_audit_entry_field (entry)));
      if (entry->field != NULL)
        {
          const UdKind *kind = find_subject (entry->kind);
          const UdField *field = entry_field (entry);

          g_ptr_array_add (row, entry->old_value != NULL ? show_value (kind, field, entry->old_value, entry->account_names, FALSE, FALSE) : g_strdup (""));
          g_ptr_array_add (row, entry->new_value != NULL ? show_value (kind, field, entry->new_value, entry->account_names, FALSE, FALSE) : g_strdup (""));
        }
      else
        {
          /* A whole record: what it held. */
          g_ptr_array_add (row, entry->old_value != NULL ? ud_audit_entry_change (entry, FALSE) : g_strdup (""));
          g_ptr_array_add (row, entry->new_value != NULL ? ud_audit_entry_change (entry, FALSE) : g_strdup (""));
        }
      g_ptr_array_add (row, ud_audit_entry_detail (entry));
      g_ptr_array_add (rows, row);
    }

  if (!ud_table_write_csv (path, rows, error))
    return -1;

  /* The trail names people and their data: taking it out is recorded
   * too. */
  count = g_strdup_printf ("%u", entries->len);
  detail = ud_audit_detail_new ("audit_export", "file", path, "count", count, NULL);
  if (!ud_database_audit (db, "export", "audit", NULL, NULL, NULL, NULL, detail, error))
    return -1;

  return entries->len;
}

/* Whether @id is in one of the [first, last] ranges of @member of a
 * batch entry's list ({"created":[[1,100000]],"changed":[[7,7]]}). */
static gboolean
in_ranges (JsonObject *lists,
           const char *member,
           gint64      id)
{
  JsonArray *ranges = json_object_has_member (lists, member) ? json_object_get_array_member (lists, member) : NULL;

  for (guint i = 0; ranges != NULL && i < json_array_get_length (ranges); i++)
    {
      JsonArray *range = json_array_get_array_element (ranges, i);

      if (range != NULL && json_array_get_length (range) == 2 &&
          json_array_get_int_element (range, 0) <= id && id <= json_array_get_int_element (range, 1))
        return TRUE;
    }

  return FALSE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = (*(UdAuditEntry * const *) a)->id;
  gint64 y = (*(UdAuditEntry * const *) b)->id;

  return x > y ? -1 : x < y;
}

/* A record created or changed by an import (or a generated roll) has no
 * entry of its own: the batch's one entry lists it by row id
 * (_ud_record_batch_end()), and is part of its history. */
static gboolean
add_batch_entries (UdDatabase    *db,
                   const UdKind  *kind,
                   const char    *uuid,
                   GPtrArray     *entries,
                   GError       **error)
{
  /* The table's name comes from the kind's description. */
  g_autofree char *find = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?1", kind->table);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint before = entries->len;
  int rc;

  stmt = ud_database_prepare_built (db, find, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    return TRUE;

  stmt = ud_database_prepare (db,
                              ENTRY_SELECT
                              " WHERE a.kind = ?1 AND a.uuid IS NULL AND a.action IN ('import', 'generate')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(UdAuditEntry) entry = read_entry (stmt);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (entry->new_value == NULL || !json_parser_load_from_data (parser, entry->new_value, -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root) &&
          (in_ranges (json_node_get_object (root), "created", id) ||
           in_ranges (json_node_get_object (root), "changed", id)))
        g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the audit trail"));
      return FALSE;
    }

  if (entries->len > before)
    g_ptr_array_sort (entries, compare_newest_first);
  return TRUE;
}

GPtrArray *
ud_audit_record_history (UdDatabase  *db,
                         const char  *kind,
                         const char  *uuid,
                         GError     **error)
{
  UdAuditFilter filter = { 0 };
  const UdKind *subject;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* As much as seeing the record itself. */
  subject = ud_kind_lookup (kind);
  if (!ud_database_require (db,
                            strcmp (kind, "account") == 0 ? UD_PERMISSION_ADMINISTER
                            : subject != NULL ? subject->view_permission
                            : UD_PERMISSION_VIEW_MEMBERS,
                            error))
    return NULL;

  filter.kind = (char *) kind;
  filter.uuid = (char *) uuid;

  entries = select_entries (db, &filter, FALSE, error);
  if (entries == NULL || subject == NULL)
    return g_steal_pointer (&entries);

  if (!add_batch_entries (db, subject, uuid, entries, error))
    return NULL;

  return g_steal_pointer (&entries);
}

gboolean
ud_database_audit_print (UdDatabase  *db,
                         const char  *kind,
                         const char  *uuid,
                         const char  *document,
                         GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error))
    return FALSE;

  /* One statement: whole or absent, with or without a transaction
   * around it. */
  return ud_database_audit (db, "print", kind, uuid, NULL, NULL, NULL, document, error);
}

/* The hash chain */

static void
hash_sql_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *fields[UD_AUDIT_HASHED_FIELDS];
  g_autofree char *hash = NULL;

  g_assert (argc == UD_AUDIT_HASHED_FIELDS + 2);

  for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
    fields[i] = sqlite3_value_type (argv[i + 2]) == SQLITE_NULL
                ? NULL : (const char *) sqlite3_value_text (argv[i + 2]);
  hash = ud_audit_entry_hash ((const char *) sqlite3_value_text (argv[0]), sqlite3_value_int64 (argv[1]), fields);
  sqlite3_result_text (context, hash, -1, SQLITE_TRANSIENT);
}

/* ud_chain_hash (table, prev, id, value…): a row of a chained table
 * (UD_KIND_CHAINED), as its insert computes it. */
static void
chain_sql_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  g_autofree const char **values = NULL;
  g_autofree char *hash = NULL;

  if (argc < 3 || sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_error (context, "ud_chain_hash needs a table, a previous hash and an id", -1);
      return;
    }

  values = g_new0 (const char *, argc - 3 + 1);
  for (int i = 3; i < argc; i++)
    values[i - 3] = sqlite3_value_type (argv[i]) == SQLITE_NULL ? NULL : (const char *) sqlite3_value_text (argv[i]);
  hash = ud_chain_hash ((const char *) sqlite3_value_text (argv[0]),
                        sqlite3_value_type (argv[1]) == SQLITE_NULL ? "" : (const char *) sqlite3_value_text (argv[1]),
                        sqlite3_value_int64 (argv[2]), values, (guint) (argc - 3));
  sqlite3_result_text (context, hash, -1, SQLITE_TRANSIENT);
}

void
_ud_audit_register_sql (sqlite3 *db)
{
  g_return_if_fail (db != NULL);

  sqlite3_create_function (db, "ud_audit_hash", UD_AUDIT_HASHED_FIELDS + 2,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                           NULL, hash_sql_function, NULL, NULL);
  sqlite3_create_function (db, "ud_chain_hash", -1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                           NULL, chain_sql_function, NULL, NULL);
}

/* Where the last verification ended: its id and hash (FALSE when there
 * was none). */
static gboolean
read_verified (UdDatabase  *db,
               gint64      *id,
               char       **hash)
{
  g_autofree char *value = ud_database_get_meta (db, VERIFIED_KEY);
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return FALSE;
  parts = g_strsplit (value, " ", 2);
  if (g_strv_length (parts) != 2 || !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, id, NULL))
    return FALSE;
  *hash = g_strdup (parts[1]);

  return TRUE;
}

static void
set_broken (GError     **error,
            gint64      *first_bad,
            gint64       id,
            char        *sentence)
{
  *first_bad = id;
  g_set_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_BROKEN_CHAIN,
               /* TRANSLATORS: %s says which entry and what is wrong */
               _("The audit trail has been tampered with: %s."), sentence);
  g_free (sentence);
}

/* The stored hash of entry @id, or NULL when there is no such entry. */
static char *
stored_hash (UdDatabase *db,
             gint64      id)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, "SELECT coalesce (hash, '') FROM audit_log WHERE id = ?1", NULL);
  char *hash = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return hash;
}

/* The sentence of a break, NULL when the chain is whole from @after_id
 * (whose hash is @prev) to the end; @last_id/@last_hash return the
 * newest entry. */
static gboolean
walk_chain (UdDatabase  *db,
            gint64       after_id,
            const char  *prev,
            gint64      *first_bad,
            gint64      *last_id,
            char       **last_hash,
            GError     **error)
{
  g_autofree char *prev_hash = g_strdup (prev);
  sqlite3_stmt *stmt;
  gint64 prev_id = after_id;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT id, at, actor, action, kind, uuid, field, old_value, new_value, detail, hash"
                              " FROM audit_log WHERE id > ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[UD_AUDIT_HASHED_FIELDS];
      g_autofree char *expected = NULL;
      const char *hash = (const char *) sqlite3_column_text (stmt, 10);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
        fields[i] = (const char *) sqlite3_column_text (stmt, i + 1);

      if (id != prev_id + 1)
        {
          sqlite3_reset (stmt);
          if (id == prev_id + 2)
            set_broken (error, first_bad, id,
                        g_strdup_printf (_("entry %lld is missing: it was deleted"),
                                         (long long) (prev_id + 1)));
          else
            set_broken (error, first_bad, id,
                        g_strdup_printf (_("entries %lld to %lld are missing: they were deleted"),
                                         (long long) (prev_id + 1), (long long) (id - 1)));
          return FALSE;
        }

      expected = ud_audit_entry_hash (prev_hash, id, fields);
      if (hash == NULL || strcmp (hash, expected) != 0)
        {
          /* TRANSLATORS: an entry's number, its time, what was done and by whom */
          char *sentence = g_strdup_printf (_("entry %lld (%s, %s by %s) was changed or forged: it does not match its hash"),
                                            (long long) id, fields[0] != NULL ? fields[0] : "",
                                            fields[2] != NULL ? ud_audit_action_label (fields[2]) : "",
                                            fields[1] != NULL ? fields[1] : "");

          sqlite3_reset (stmt);
          set_broken (error, first_bad, id, sentence);
          return FALSE;
        }

      g_free (prev_hash);
      prev_hash = g_strdup (hash);
      prev_id = id;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the audit trail"));
      return FALSE;
    }

  *last_id = prev_id;
  *last_hash = g_steal_pointer (&prev_hash);
  return TRUE;
}

gboolean
ud_audit_verify (UdDatabase  *db,
                 gboolean     incremental,
                 gint64      *first_bad,
                 GError     **error)
{
  g_autofree char *verified_hash = NULL;
  g_autofree char *current = NULL;
  g_autofree char *last_hash = NULL;
  gint64 verified_id = 0;
  gint64 last_id = 0;
  gint64 bad = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (first_bad != NULL)
    *first_bad = 0;

  /* Entries that were verified once must still be there as they were:
   * removing the newest entries leaves a chain that is whole. */
  if (read_verified (db, &verified_id, &verified_hash))
    {
      current = stored_hash (db, verified_id);
      if (current == NULL || strcmp (current, verified_hash) != 0)
        {
          set_broken (error, first_bad != NULL ? first_bad : &bad, verified_id,
                      g_strdup_printf (_("entry %lld was deleted or changed after it had been verified"),
                                       (long long) verified_id));
          return FALSE;
        }
    }
  if (!incremental)
    {
      verified_id = 0;
      g_clear_pointer (&verified_hash, g_free);
    }

  if (!walk_chain (db, verified_id, verified_hash != NULL ? verified_hash : "",
                   first_bad != NULL ? first_bad : &bad, &last_id, &last_hash, error))
    return FALSE;

  if (incremental && last_id > verified_id)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", last_id, last_hash);

      if (!ud_database_set_meta (db, VERIFIED_KEY, value, error))
        return FALSE;
    }

  return TRUE;
}

/* The first break in the rows of the chained @kind (UD_KIND_CHAINED),
 * as a sentence, or NULL when they are whole. */
static char *
kind_chain_problem (UdDatabase   *db,
                    const UdKind *kind)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, uuid, district, hlc, deleted, updated_at, updated_by");
  g_autofree char *prev = g_strdup ("");
  g_autofree const char **values = g_new0 (const char *, kind->n_fields + 7);
  guint n_values = 6 + kind->n_fields;
  char *problem = NULL;
  sqlite3_stmt *stmt;
  gint64 prev_id = 0;
  int rc;

  /* A database of an older version may not have the table yet: the
   * comparison with the migrations' schema says whether it should. */
  stmt = ud_database_prepare (db, "SELECT count (*) FROM sqlite_master WHERE type = 'table' AND name = ?1", NULL);
  if (stmt == NULL)
    return g_strdup_printf (_("%s: the table cannot be read"), _(kind->label));
  sqlite3_bind_text (stmt, 1, kind->table, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < kind->n_fields; i++)
    g_string_append_printf (sql, ", %s", ud_field_get_column (&kind->fields[i]));
  g_string_append_printf (sql, ", hash FROM %s ORDER BY id", kind->table);

  stmt = ud_database_prepare_built (db, sql->str, NULL);
  if (stmt == NULL)
    /* TRANSLATORS: %s is a kind of record, “Step of a workflow” */
    return g_strdup_printf (_("%s: the table cannot be read"), _(kind->label));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *expected = NULL;
      const char *hash = (const char *) sqlite3_column_text (stmt, (int) n_values + 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < n_values; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, (int) i + 1);

      if (id != prev_id + 1)
        {
          /* TRANSLATORS: a kind of record, then the numbers of its rows */
          problem = g_strdup_printf (_("%s: rows %lld to %lld are missing: they were deleted"),
                                     _(kind->label), (long long) (prev_id + 1), (long long) (id - 1));
          break;
        }
      expected = ud_chain_hash (kind->table, prev, id, values, n_values);
      if (hash == NULL || strcmp (hash, expected) != 0)
        {
          /* TRANSLATORS: a kind of record, then a row's number */
          problem = g_strdup_printf (_("%s: row %lld was changed or forged: it does not match its hash"),
                                     _(kind->label), (long long) id);
          break;
        }
      g_free (prev);
      prev = g_strdup (hash);
      prev_id = id;
    }
  sqlite3_reset (stmt);

  if (problem == NULL && rc != SQLITE_ROW && rc != SQLITE_DONE)
    problem = g_strdup_printf (_("%s: the table cannot be read"), _(kind->label));

  return problem;
}

void
_ud_audit_chain_problems (UdDatabase  *db,
                          GPtrArray   *problems)
{
  g_autoptr(GError) local_error = NULL;
  const UdKind * const *kinds = ud_kind_list (NULL);

  /* A trail that cannot even be read (a column dropped) is a problem of
   * the file, like a break. */
  if (!ud_audit_verify (db, FALSE, NULL, &local_error))
    g_ptr_array_add (problems, g_strdup (local_error->message));

  for (guint k = 0; kinds[k] != NULL; k++)
    if (kinds[k]->flags & UD_KIND_CHAINED)
      {
        char *problem = kind_chain_problem (db, kinds[k]);

        if (problem != NULL)
          g_ptr_array_add (problems, problem);
      }
}

gboolean
_ud_audit_check_on_open (UdDatabase  *db,
                         GPtrArray   *warnings,
                         GError     **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  int version = ud_database_get_schema_version (db);

  /* Dropped triggers are made again in one transaction with their
   * entries: the trail says when the protection came back. */
  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_schema_repair_triggers (ud_database_get_handle (db), (guint) version, done, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }
  for (guint i = 0; i < done->len; i++)
    if (!ud_database_audit (db, "protect", NULL, NULL, NULL, NULL, NULL, g_ptr_array_index (done, i), error))
      {
        ud_database_rollback (db);
        return FALSE;
      }
  if (!ud_database_commit (db, error))
    return FALSE;

  for (guint i = 0; i < done->len; i++)
    {
      const char *sentence = g_ptr_array_index (done, i);

      g_warning ("%s: %s", ud_database_get_path (db), sentence);
      /* TRANSLATORS: what was found on opening the database and mended */
      g_ptr_array_add (warnings, g_strdup_printf (_("The database's protection was restored: %s."), sentence));
    }

  if (!ud_audit_verify (db, TRUE, NULL, &local_error))
    {
      if (!g_error_matches (local_error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_BROKEN_CHAIN))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_warning ("%s: %s", ud_database_get_path (db), local_error->message);
      g_ptr_array_add (warnings, g_strdup (local_error->message));
    }

  return TRUE;
}

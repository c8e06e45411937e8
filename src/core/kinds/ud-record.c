/* ud-record.c — one record of any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record"

#include "config.h"

#include <string.h>

#include "ud-record.h"
#include "ud-json-writer.h"

/* The value of every empty field: one shared string, not a copy of "" for
 * each (an import makes a record of twenty fields for each row).  Only
 * this file writes a record's values; it never frees this one. */
static char empty_value[1] = "";

static void
value_free (char *value)
{
  if (value != empty_value)
    g_free (value);
}

static char *
value_copy (const char *value)
{
  return *value == '\0' ? empty_value : g_strdup (value);
}

UdRecord *
ud_record_new (const UdKind *kind)
{
  UdRecord *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_new0 (UdRecord, 1);
  self->kind = kind;
  self->values = g_new0 (char *, kind->n_fields + 1);
  for (guint i = 0; i < kind->n_fields; i++)
    self->values[i] = empty_value;
  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

UdRecord *
ud_record_copy (const UdRecord *record)
{
  UdRecord *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = ud_record_new (record->kind);
  self->id = record->id;
  self->uuid = g_strdup (record->uuid);
  self->district = g_strdup (record->district);
  self->hlc = g_strdup (record->hlc);
  self->deleted = record->deleted;
  self->updated_at = g_strdup (record->updated_at);
  self->updated_by = g_strdup (record->updated_by);
  for (guint i = 0; i < record->kind->n_fields; i++)
    ud_record_set_nth (self, i, record->values[i]);

  return self;
}

UdRecord *
ud_record_ref (UdRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  g_atomic_ref_count_inc (&record->ref_count);
  return record;
}

void
ud_record_unref (UdRecord *record)
{
  g_return_if_fail (record != NULL);

  if (!g_atomic_ref_count_dec (&record->ref_count))
    return;

  g_free (record->uuid);
  g_free (record->district);
  g_free (record->hlc);
  g_free (record->updated_at);
  g_free (record->updated_by);
  for (guint i = 0; i < record->kind->n_fields; i++)
    value_free (record->values[i]);
  g_free (record->values);
  g_free (record);
}

const char *
ud_record_get (const UdRecord *record,
               const char     *field)
{
  int index;

  g_return_val_if_fail (record != NULL, NULL);

  index = ud_kind_field_index (record->kind, field);
  g_return_val_if_fail (index >= 0, NULL);

  return record->values[index];
}

void
ud_record_set (UdRecord   *record,
               const char *field,
               const char *value)
{
  int index;

  g_return_if_fail (record != NULL);

  index = ud_kind_field_index (record->kind, field);
  g_return_if_fail (index >= 0);

  ud_record_set_nth (record, (guint) index, value);
}

gint64
ud_record_get_int (const UdRecord *record,
                   const char     *field)
{
  const char *value = ud_record_get (record, field);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

void
ud_record_set_int (UdRecord   *record,
                   const char *field,
                   gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  ud_record_set (record, field, text);
}

const char *
ud_record_get_nth (const UdRecord *record,
                   guint           index)
{
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (index < record->kind->n_fields, NULL);

  return record->values[index];
}

void
ud_record_set_nth (UdRecord   *record,
                   guint       index,
                   const char *value)
{
  g_return_if_fail (record != NULL);
  g_return_if_fail (index < record->kind->n_fields);

  if (value == NULL)
    value = "";
  /* The same text again (a derived sex or birth date that was already
   * there, an import's cell equal to the default): nothing to copy. */
  if (record->values[index] == value ||
      (record->values[index] != NULL && strcmp (record->values[index], value) == 0))
    return;

  value_free (record->values[index]);
  record->values[index] = value_copy (value);
}

gboolean
ud_record_equal_values (const UdRecord *a,
                        const UdRecord *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;

  for (guint i = 0; i < a->kind->n_fields; i++)
    if ((a->kind->fields[i].flags & UD_FIELD_LOCAL) == 0 &&
        g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;

  return TRUE;
}

void
ud_record_check_field (UdRecord  *record,
                       guint      index,
                       GPtrArray *issues)
{
  const UdField *field;
  g_autofree char *value = NULL;

  g_return_if_fail (record != NULL);
  g_return_if_fail (index < record->kind->n_fields);

  field = &record->kind->fields[index];
  /* Already as it would be made (most values of an import): kept, not
   * copied (and it is not empty, so neither the default nor required-ness
   * applies). */
  if (ud_field_value_is_normal (field, record->values[index]))
    return;
  /* Empty stays empty (ud_field_check_stored() gives "" back), unless
   * the field has a default or must be filled. */
  if (*record->values[index] == '\0')
    {
      if (field->default_value != NULL && *field->default_value != '\0')
        ud_record_set_nth (record, index, field->default_value);
      else if (field->flags & UD_FIELD_REQUIRED)
        ud_issue_list_add_required (issues, field);
      return;
    }
  value = ud_field_check_stored (field, record->values[index], issues);
  if (value == NULL)
    return;
  if (*value == '\0' && field->default_value != NULL)
    {
      g_free (value);
      value = g_strdup (field->default_value);
    }
  if (*value == '\0' && (field->flags & UD_FIELD_REQUIRED))
    {
      ud_issue_list_add_required (issues, field);
      return;
    }
  /* The value made takes the place of the one there, without a copy. */
  value_free (record->values[index]);
  if (*value == '\0')
    record->values[index] = empty_value;
  else
    record->values[index] = g_steal_pointer (&value);
}

gboolean
ud_record_check (UdRecord  *record,
                 GPtrArray *issues)
{
  g_autoptr(GPtrArray) local = NULL;
  const UdKind *kind;
  gboolean fields_ok;
  guint first;

  g_return_val_if_fail (record != NULL, FALSE);

  kind = record->kind;
  if (issues == NULL)
    issues = local = ud_issue_list_new ();
  first = issues->len;

  for (guint i = 0; i < kind->n_fields; i++)
    if ((kind->fields[i].flags & (UD_FIELD_DERIVED | UD_FIELD_LOCAL)) == 0)
      ud_record_check_field (record, i, issues);

  fields_ok = ud_issue_list_first_error (issues, first) == NULL;
  if (kind->hooks != NULL && kind->hooks->validate != NULL)
    kind->hooks->validate (record, issues, fields_ok);

  if (ud_issue_list_first_error (issues, first) != NULL)
    return FALSE;

  if (kind->hooks != NULL && kind->hooks->derive != NULL)
    kind->hooks->derive (record);

  return TRUE;
}

char *
ud_record_get_title (const UdRecord *record)
{
  GString *title;

  g_return_val_if_fail (record != NULL, NULL);

  title = g_string_new (NULL);
  for (guint i = 0; record->kind->title_fields != NULL && record->kind->title_fields[i] != NULL; i++)
    {
      int index = ud_kind_field_index (record->kind, record->kind->title_fields[i]);

      if (index < 0 || *record->values[index] == '\0')
        continue;
      if (title->len > 0)
        g_string_append_c (title, ' ');
      g_string_append (title, record->values[index]);
    }

  return g_string_free (title, FALSE);
}

char *
ud_record_to_json_text (const UdRecord *record)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (record != NULL, NULL);

  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const UdField *field = &record->kind->fields[i];
      const char *value = record->values[i];

      if ((field->flags & UD_FIELD_SYNCED) == 0)
        continue;

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      ud_json_append_string (out, field->name);
      g_string_append_c (out, ':');
      if (*value == '\0')
        g_string_append (out, "null");
      else if (field->type == UD_FIELD_INT || field->type == UD_FIELD_MONEY)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_ascii_strtoll (value, NULL, 10));
      else
        ud_json_append_string (out, value);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}
